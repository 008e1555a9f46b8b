package dev.cordon.agent.transport;

import dev.cordon.agent.ai.AiTarget;
import dev.cordon.policy.EndpointDef;
import dev.cordon.policy.Policy;
import java.util.Locale;

/**
 * Spec 6 at the transport: which HTTP requests are AI traffic. A request is AI traffic when its
 * host is a known provider host, or is listed under {@code endpoints}, or (any host, loopback
 * included) its path is one of the providers' own request paths, so a hand-rolled client talking to
 * an unlisted host is still recognised. Every other request is answered with null after a few
 * string comparisons and no allocation: this runs for every request the application makes.
 */
public final class AiTraffic {
  private AiTraffic() {}

  /**
   * The AI target of a request, or null when it is not AI traffic or has no governed action.
   *
   * @param url the request URL as the client holds it (scheme://host[:port]/path[?query])
   * @param host the host, as the client parsed it
   * @param port the port, -1 for the scheme's default
   */
  public static AiTarget classify(Policy policy, String method, String scheme, String host, int port, String url) {
    if (host == null || url == null || scheme == null) return null;
    int pathStart = pathStart(url);
    if (pathStart < 0) return null;
    return classify(policy, method, scheme, host, port, url, pathStart, pathEnd(url, pathStart));
  }

  /** Same, with the path given as {@code url[pathStart, pathEnd)} (e.g. {@code URL.getPath()}, no query). */
  public static AiTarget classify(Policy policy, String method, String scheme, String host, int port, String url,
      int pathStart, int pathEnd) {
    if (host == null || url == null || scheme == null) return null;
    boolean https = scheme.equalsIgnoreCase("https");
    int p = port >= 0 ? port : https ? 443 : 80;
    String provider = knownHost(host);
    boolean listed = false;
    if (provider == null && policy != null && policy.hasEndpoints()) {
      EndpointDef e = policy.endpoint(host, p);
      listed = e != null;
      if (listed && e.provider() != null && !"*".equals(e.provider())) provider = e.provider();
    }
    if (provider == null && !listed) {
      provider = byPath(url, pathStart, pathEnd);
      if (provider == null) return null;
    } else if (provider == null) {
      String inferred = byPath(url, pathStart, pathEnd);
      provider = inferred != null ? inferred : "openai";
    }
    // Only AI traffic gets here: allocating the target is fine.
    AiTarget t = new AiTarget(provider, https ? "https" : scheme.toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT), p,
        url.substring(pathStart, pathEnd), method == null ? "GET" : method.toUpperCase(Locale.ROOT));
    return t.action() == null ? null : t;
  }

  /** Spec 6's provider hosts; null for any other host. */
  static String knownHost(String host) {
    if (host.equalsIgnoreCase("api.openai.com")) return "openai";
    if (host.equalsIgnoreCase("api.anthropic.com")) return "anthropic";
    if (host.equalsIgnoreCase("generativelanguage.googleapis.com")) return "gemini";
    if (endsWithIgnoreCase(host, ".openai.azure.com")) return "azure-openai";
    if (endsWithIgnoreCase(host, "-aiplatform.googleapis.com")) return "gemini";
    if (host.regionMatches(true, 0, "bedrock-runtime.", 0, 16) && endsWithIgnoreCase(host, ".amazonaws.com")) {
      return "bedrock";
    }
    return null;
  }

  /**
   * The wire format named by a provider request path on any host, or null. Deliberately narrower
   * than the paths understood on a provider's own host: on an arbitrary host a generic path such as
   * {@code /files} or {@code /messages} must not turn an ordinary API call into "AI traffic".
   */
  static String byPath(String url, int start, int end) {
    if (endsWith(url, start, end, "/v1/chat/completions") || endsWith(url, start, end, "/v1/completions")
        || endsWith(url, start, end, "/v1/responses") || endsWith(url, start, end, "/v1/embeddings")
        || endsWith(url, start, end, "/v1/fine_tuning/jobs")) {
      return "openai";
    }
    if (contains(url, start, end, "/openai/deployments/") && (endsWith(url, start, end, "/chat/completions")
        || endsWith(url, start, end, "/embeddings") || endsWith(url, start, end, "/completions"))) {
      return "azure-openai";
    }
    if (endsWith(url, start, end, "/v1/messages")) return "anthropic";
    if (contains(url, start, end, "/models/") && (endsWith(url, start, end, ":generateContent")
        || endsWith(url, start, end, ":streamGenerateContent") || endsWith(url, start, end, ":embedContent"))) {
      return "gemini";
    }
    int len = end - start;
    if ((len == 9 && url.startsWith("/api/chat", start)) || (len == 13 && url.startsWith("/api/generate", start))
        || (len == 10 && url.startsWith("/api/embed", start))) {
      return "ollama";
    }
    return null;
  }

  /** Where the path of an absolute URL starts (its '/' after the authority), or -1 when it has none. */
  static int pathStart(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) return -1;
    int slash = url.indexOf('/', scheme + 3);
    return slash < 0 ? -1 : slash;
  }

  /** Where the path that starts at {@code from} ends: the query's '?', the fragment's '#', or the end. */
  static int pathEnd(String url, int from) {
    for (int i = from; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '?' || c == '#') return i;
    }
    return url.length();
  }

  private static boolean endsWith(String s, int start, int end, String suffix) {
    int n = suffix.length();
    return end - start >= n && s.startsWith(suffix, end - n);
  }

  private static boolean contains(String s, int start, int end, String part) {
    int i = s.indexOf(part, start);
    return i >= 0 && i + part.length() <= end;
  }

  private static boolean endsWithIgnoreCase(String s, String suffix) {
    int n = suffix.length();
    return s.length() >= n && s.regionMatches(true, s.length() - n, suffix, 0, n);
  }
}
