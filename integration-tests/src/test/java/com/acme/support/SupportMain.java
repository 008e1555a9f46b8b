package com.acme.support;

import com.acme.shared.AiScript;

/** The "support-bot" principal of the test policies: code under com.acme.support. */
public final class SupportMain {
  public static void main(String[] args) throws Exception {
    new AiScript().run(args);
  }
}
