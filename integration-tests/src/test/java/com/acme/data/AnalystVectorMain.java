package com.acme.data;

import com.acme.shared.VectorScript;

/** Retrieval as the "analyst" principal of the test policies. */
public final class AnalystVectorMain {
  public static void main(String[] args) {
    new VectorScript().run(args);
  }
}
