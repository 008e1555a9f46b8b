package dev.cordon.agent.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The members of one audit line that {@code suggest} needs: who called, what and on what. Only
 * top-level string members are read; nested objects (counts, usage) are skipped.
 */
record ObservedCall(
    String service,
    String principal,
    String caller,
    String action,
    String resource,
    String provider,
    String model,
    String path,
    String jdbcUrl,
    String decision,
    String rule) {

  private static final JsonFactory JSON = new JsonFactory();

  /** Null when the line is not a JSON object. */
  static ObservedCall parse(String line) {
    Map<String, String> m = new HashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING) m.put(name, p.getText());
        else p.skipChildren();
      }
    } catch (IOException e) {
      return null;
    }
    return new ObservedCall(m.get("service"), m.get("principal"), m.get("caller"),
        m.get("action"), m.get("resource"), m.get("provider"), m.get("model"), m.get("path"),
        m.get("jdbc_url"), m.get("decision"), m.get("rule"));
  }

  /**
   * The caller's package (or class, in the default package), from the {@code caller} member
   * {@code class.method(File.java:line)}; null when there is no usable caller.
   */
  String callerPackage() {
    if (caller == null) return null;
    String c = caller;
    int paren = c.indexOf('(');
    if (paren >= 0) c = c.substring(0, paren);
    int method = c.lastIndexOf('.');
    if (method <= 0) return null;
    String cls = c.substring(0, method);
    int pkg = cls.lastIndexOf('.');
    return pkg < 0 ? cls : cls.substring(0, pkg);
  }

  /** Denied by an explicit deny rule: a decision someone made on purpose, not a gap. */
  boolean deniedByRule() {
    return "deny".equals(decision) && rule != null;
  }
}
