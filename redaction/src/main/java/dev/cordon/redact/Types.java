package dev.cordon.redact;

import java.util.List;

/**
 * The built-in entity types of spec 8, by index. Custom types (the policy's {@code redaction.custom})
 * are numbered after them, in declaration order.
 */
public final class Types {
  private Types() {}

  public static final int EMAIL = 0;
  public static final int PHONE = 1;
  public static final int CREDIT_CARD = 2;
  public static final int IBAN = 3;
  public static final int US_SSN = 4;
  public static final int IP_ADDRESS = 5;
  public static final int SECRET = 6;
  /** Unicode format (Cf) and control (Cc, except tab, CR, LF) characters: stripped, never tagged. */
  public static final int INVISIBLE = 7;
  public static final int BUILT_IN_COUNT = 8;

  /** Names, indexed by the constants above. */
  public static final List<String> BUILT_IN =
      List.of("EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS", "SECRET", "INVISIBLE");

  /** Index of a built-in name, or -1. */
  public static int builtIn(String name) {
    return BUILT_IN.indexOf(name);
  }
}
