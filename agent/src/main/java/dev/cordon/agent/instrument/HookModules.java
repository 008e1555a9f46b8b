package dev.cordon.agent.instrument;

import java.util.List;

/** Every hook module, in the order they are added to the weaver. */
final class HookModules {
  private HookModules() {}

  static List<HookModule> all() {
    return List.of(
        new StainlessSdkModule(),
        new JdkHttpClientModule(),
        new OkHttpModule(),
        new UrlConnectionModule(),
        new ApacheHttpClientModule(),
        new ReactorNettyModule(),
        new JdkSocketsModule(),
        new JdbcModule(),
        new LangChain4jModule(),
        new GoogleGenAiModule(),
        new SpringAiModule(),
        new BedrockModule(),
        new ServletModule(),
        new VectorStoresModule());
  }
}
