package com.acme.training;

import com.acme.shared.VectorScript;

/** Retrieval as the "trainer" principal of the test policies. */
public final class TrainerVectorMain {
  public static void main(String[] args) {
    new VectorScript().run(args);
  }
}
