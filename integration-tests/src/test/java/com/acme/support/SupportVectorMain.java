package com.acme.support;

import com.acme.shared.VectorScript;

/** Retrieval as the "support-bot" principal of the test policies. */
public final class SupportVectorMain {
  public static void main(String[] args) {
    new VectorScript().run(args);
  }
}
