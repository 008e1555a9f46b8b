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
    new AiScript().run(args);
    System.exit(0);
  }
}
