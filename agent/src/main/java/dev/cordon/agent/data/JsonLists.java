package dev.cordon.agent.data;

import java.util.List;

/** A list of strings as a JSON array, for audit members such as {@code tables} (AuditEvent.putRaw). */
public final class JsonLists {
  private JsonLists() {}

  public static String of(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    if (items != null) {
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) b.append(',');
        quote(b, items.get(i));
      }
    }
    return b.append(']').toString();
  }

  private static void quote(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    b.append('"');
  }
}
