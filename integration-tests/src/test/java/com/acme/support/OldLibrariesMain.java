package com.acme.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * An application that carries its own old Jackson and Byte Buddy: it must see exactly its own
 * versions and work unchanged with the agent attached; then it loads an AI SDK class so that the
 * agent's own Byte Buddy weaves in the same JVM.
 */
public final class OldLibrariesMain {
  public static void main(String[] args) throws Exception {
    String json = new ObjectMapper().writeValueAsString(java.util.Map.of("k", "v"));
    System.out.println("jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION + " " + json);
    Class<?> dynamic = new ByteBuddy().subclass(Object.class).method(ElementMatchers.named("toString"))
        .intercept(FixedValue.value("made by old byte buddy")).make()
        .load(OldLibrariesMain.class.getClassLoader()).getLoaded();
    System.out.println("bytebuddy " + ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation() + " "
        + dynamic.getDeclaredConstructor().newInstance());
    System.out.println("slf4j " + org.slf4j.LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation());
    // Through the application's own SLF4J 1.7 binding (slf4j-simple, to stderr), never the agent's.
    org.slf4j.LoggerFactory.getLogger(OldLibrariesMain.class).info("application log line {}", 42);
    if (args.length > 0) {
      Class.forName(args[0], true, OldLibrariesMain.class.getClassLoader());
      System.out.println("loaded " + args[0]);
    }
  }
}
