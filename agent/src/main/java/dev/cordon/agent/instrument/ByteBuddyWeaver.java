package dev.cordon.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Builds the Byte Buddy transformer that weaves every {@link HookModule}. Created only when a target
 * class first appears: loading Byte Buddy costs about half a second, which an application that
 * never touches a governed library should not pay.
 */
final class ByteBuddyWeaver {
  private ByteBuddyWeaver() {}

  static ClassFileTransformer create(WeaveReport report) {
    AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(new WeaveListener(report))
        .ignore(ElementMatchers.none());
    for (HookModule m : HookModules.all()) builder = m.extend(builder, report);
    return builder.makeRaw();
  }

  private static final class WeaveListener extends AgentBuilder.Listener.Adapter {
    private final WeaveReport report;

    WeaveListener(WeaveReport report) {
      this.report = report;
    }

    @Override
    public void onError(String typeName, ClassLoader loader, net.bytebuddy.utility.JavaModule module, boolean loaded,
        Throwable throwable) {
      report.failed(typeName, throwable.toString());
    }
  }
}
