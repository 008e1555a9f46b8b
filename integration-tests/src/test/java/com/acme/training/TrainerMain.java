package com.acme.training;

import com.acme.shared.AiScript;

/** The "trainer" principal of the test policies: code under com.acme.training. */
public final class TrainerMain {
  public static void main(String[] args) throws Exception {
    new AiScript().run(args);
    // OkHttp's async dispatcher threads would keep the JVM alive for a minute; exit like a real CLI app.
    System.exit(0);
  }
}
