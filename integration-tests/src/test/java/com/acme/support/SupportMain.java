package com.acme.support;

import com.acme.shared.AiScript;

/** The "support-bot" principal of the test policies: code under com.acme.support. */
public final class SupportMain {
  public static void main(String[] args) throws Exception {
    new AiScript().run(args);
    // OkHttp's async dispatcher threads would keep the JVM alive for a minute; exit like a real CLI app.
    System.exit(0);
  }
}
