package com.acme.support;

import com.acme.shared.Steps;
import java.util.Arrays;

/**
 * The "support-bot" principal for any library's test app: {@code Support <Steps class> steps...}.
 * The library code lives in com.acme.shared (no principal), so this frame decides who calls.
 */
public final class Support {
  public static void main(String[] args) throws Exception {
    Steps.runClass(args[0], Arrays.copyOfRange(args, 1, args.length));
    // HTTP clients' dispatcher threads would keep the JVM alive; exit like a real CLI app.
    System.exit(0);
  }
}
