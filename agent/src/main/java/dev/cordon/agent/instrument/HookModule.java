package dev.cordon.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One library's hook points, woven with Byte Buddy. Add a module by implementing this, listing it
 * in {@link HookModules}, and adding its class names to {@link Targets} (the cheap name check that
 * runs on every class load and must not touch Byte Buddy).
 */
public interface HookModule {
  /** Adds this module's type matchers and advice. */
  AgentBuilder extend(AgentBuilder builder, WeaveReport report);
}
