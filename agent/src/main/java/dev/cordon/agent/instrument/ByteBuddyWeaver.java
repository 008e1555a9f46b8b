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

  /** Byte Buddy's switch for its Nexus (type initializers injected through sun.misc.Unsafe). */
  private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

  static ClassFileTransformer create(WeaveReport report) {
    AgentBuilder builder = newAgentBuilder()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(new WeaveListener(report))
        .ignore(ElementMatchers.none());
    for (HookModule m : HookModules.all()) builder = m.extend(builder, report);
    return builder.makeRaw();
  }

  /**
   * Advice is inlined and needs no type initializer, but {@code AgentBuilder.Default}'s constructor
   * sets up the Nexus anyway, through {@code sun.misc.Unsafe}, which Java 24+ warns about on the
   * application's stderr. The property that switches it off is set only around the constructor and
   * then put back, so the application's own Byte Buddy is not affected.
   */
  private static AgentBuilder newAgentBuilder() {
    synchronized (System.getProperties()) {
      String before = System.getProperty(NEXUS_DISABLED);
      System.setProperty(NEXUS_DISABLED, "true");
      try {
        return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED));
      } finally {
        if (before == null) System.clearProperty(NEXUS_DISABLED); else System.setProperty(NEXUS_DISABLED, before);
      }
    }
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
