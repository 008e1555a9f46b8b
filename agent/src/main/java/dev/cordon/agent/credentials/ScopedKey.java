package dev.cordon.agent.credentials;

import java.util.List;

/**
 * A scoped key to put on one request (spec 7): the header that carries it for the request's wire
 * format, and what the audit may show of it. {@link #toString()} never shows the key.
 *
 * @param header the header name, e.g. {@code Authorization}
 * @param value the header value, e.g. {@code Bearer sk-...}: the secret
 * @param keyId the policy's credential id
 * @param fingerprint the first 8 hex digits of the key's SHA-256
 */
public record ScopedKey(String header, String value, String keyId, String fingerprint) {
  /** Every header a provider reads a key from: all are removed before the scoped key is set. */
  public static final List<String> AUTH_HEADERS = List.of("Authorization", "api-key", "x-api-key", "x-goog-api-key");

  public static boolean isAuthHeader(String name) {
    for (String h : AUTH_HEADERS) if (h.equalsIgnoreCase(name)) return true;
    return false;
  }

  @Override
  public String toString() {
    return "ScopedKey[" + keyId + " " + fingerprint + " in " + header + "]";
  }
}
