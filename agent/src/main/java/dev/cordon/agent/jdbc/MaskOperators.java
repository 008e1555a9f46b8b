package dev.cordon.agent.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The four column masks (spec 2, {@code mask:}):
 * <ul>
 *   <li>{@code HASH}: HMAC-SHA256 of the value under the installation's mask key, first 16 hex
 *       digits: stable across runs and tables (joins and group-bys still work), unreadable without
 *       the key, and not a plain hash a dictionary could reverse.
 *   <li>{@code LAST4}: every character but the last four becomes {@code *} (length kept); values of
 *       four characters or fewer are starred entirely.
 *   <li>{@code REDACT}: {@code ***} for a character column, SQL NULL for any other type.
 *   <li>{@code TAG}: {@code <COLUMN>}, the column's name in capitals.
 * </ul>
 * SQL NULL stays NULL under every mask.
 */
final class MaskOperators {
  static final String REDACTED = "***";

  private final byte[] key;

  MaskOperators(byte[] key) {
    this.key = key.clone();
  }

  /** The masked text of a non-null value; null when the mask turns it into SQL NULL. */
  String apply(String op, String value, String column, boolean characterColumn) {
    switch (op) {
      case "HASH":
        return hash(value);
      case "LAST4":
        return last4(value);
      case "REDACT":
        return characterColumn ? REDACTED : null;
      case "TAG":
        return "<" + column.toUpperCase(Locale.ROOT) + ">";
      default:
        return REDACTED; // an operator this version does not know: reveal nothing
    }
  }

  String hash(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] d = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  static String last4(String value) {
    int n = value.length();
    if (n <= 4) return "*".repeat(n);
    return "*".repeat(n - 4) + value.substring(n - 4);
  }

  static boolean isCharacterType(int sqlType) {
    switch (sqlType) {
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
          Types.CLOB, Types.NCLOB:
        return true;
      default:
        return false;
    }
  }
}
