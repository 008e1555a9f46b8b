package com.acme.support;

import com.acme.shared.AiScript;
import java.lang.reflect.Field;

/** Hostile application code: tries to switch Cordon off through reflection, then makes a call the policy denies. */
public final class TamperMain {
  public static void main(String[] args) throws Exception {
    Class<?> dispatch = Class.forName("dev.cordon.bootstrap.Dispatch");
    for (Field f : dispatch.getDeclaredFields()) {
      try {
        f.setAccessible(true);
        f.set(null, null);
        System.out.println("TAMPERED " + f.getName());
      } catch (ReflectiveOperationException | RuntimeException e) {
        System.out.println("REFUSED " + f.getName() + " " + e.getClass().getSimpleName());
      }
    }
    try {
      Class.forName("dev.cordon.agent.AgentMain");
      System.out.println("VISIBLE agent internals");
    } catch (ClassNotFoundException e) {
      System.out.println("HIDDEN agent internals");
    }
    // The boot classes are the boot loader's (one copy for every loader), and the JDK internals the
    // agent used to put them there are not open to the application.
    System.out.println("LOADER dispatch=" + dispatch.getClassLoader()
        + " deny=" + Class.forName("dev.cordon.CordonAccessDeniedException").getClassLoader());
    try {
      Class.forName("jdk.internal.misc.Unsafe").getMethod("getUnsafe").invoke(null);
      System.out.println("OPEN jdk.internal.misc");
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.out.println("CLOSED jdk.internal.misc " + e.getClass().getSimpleName());
    }
    // java.lang is opened to the agent's own module (raw stack frames), not to the application.
    try {
      Throwable.class.getDeclaredField("backtrace").setAccessible(true);
      System.out.println("OPEN java.lang");
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.out.println("CLOSED java.lang " + e.getClass().getSimpleName());
    }
    // The public guard API needs the agent's key; a made-up one switches nothing off.
    Class<?> guard = Class.forName("dev.cordon.bootstrap.Guard");
    guard.getMethod("markAgentThread", Object.class).invoke(null, new Object());
    System.out.println("GUARD tryEnter=" + guard.getMethod("tryEnter", Object.class).invoke(null, new Object()));
    // Entering the public funnel counter does not make a call count as already governed.
    Class.forName("dev.cordon.bootstrap.GovernedCall").getMethod("enter").invoke(null);
    new AiScript().run(args);
    System.exit(0);
  }
}
