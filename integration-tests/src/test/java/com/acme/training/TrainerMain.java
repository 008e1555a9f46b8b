package com.acme.training;

import com.acme.shared.AiScript;

/** The "trainer" principal of the test policies: code under com.acme.training. */
public final class TrainerMain {
  public static void main(String[] args) throws Exception {
    new AiScript().run(args);
  }
}
