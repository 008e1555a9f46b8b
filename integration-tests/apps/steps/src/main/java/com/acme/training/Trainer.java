package com.acme.training;

import com.acme.shared.Steps;
import java.util.Arrays;

/** The "trainer" principal for any library's test app: {@code Trainer <Steps class> steps...}. */
public final class Trainer {
  public static void main(String[] args) throws Exception {
    Steps.runClass(args[0], Arrays.copyOfRange(args, 1, args.length));
    System.exit(0);
  }
}
