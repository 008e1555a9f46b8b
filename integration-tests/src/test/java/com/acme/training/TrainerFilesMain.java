package com.acme.training;

import com.acme.shared.FileScript;

/** A training job's file access: the "trainer" principal of the test policies (code under com.acme.training). */
public final class TrainerFilesMain {
  public static void main(String[] args) {
    new FileScript().run(args);
  }
}
