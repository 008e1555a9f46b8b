package dev.cordon.agent.ai;

import dev.cordon.policy.Action;

/**
 * Where an AI request goes and what it is, read from the URL (spec 6): the action by path, the
 * provider by host or by the client that sent it.
 */
public record AiTarget(String provider, String scheme, String host, int port, String path, String method) {

  public String endpoint() {
    return scheme + "://" + host + ":" + port + path;
  }

  public boolean loopback() {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
  }

  /** The governed action for this path, or null for calls Cordon lets through unaudited (listing models, reading a job). */
  public Action action() {
    String p = path;
    boolean post = "POST".equalsIgnoreCase(method);
    if (!post) return p.contains("/files/") && p.endsWith("/content") ? Action.MODEL_FILES : null;
    if (p.endsWith("/embeddings") || p.endsWith(":embedContent") || p.endsWith(":batchEmbedContents")
        || p.endsWith("/api/embed")) {
      return Action.MODEL_EMBED;
    }
    if (p.endsWith("/chat/completions") || p.endsWith("/responses") || p.endsWith("/completions")
        || p.endsWith("/messages") || p.endsWith(":generateContent") || p.endsWith(":streamGenerateContent")
        || p.endsWith("/api/chat") || p.endsWith("/api/generate")) {
      return Action.MODEL_CHAT;
    }
    if (p.startsWith("/model/") && (p.endsWith("/converse") || p.endsWith("/converse-stream") || p.endsWith("/invoke")
        || p.endsWith("/invoke-with-response-stream"))) {
      // Bedrock: InvokeModel also serves embedding models (Titan, Cohere embed), named in the path.
      return p.contains("embed") ? Action.MODEL_EMBED : Action.MODEL_CHAT;
    }
    if (p.endsWith("/fine_tuning/jobs")) return Action.MODEL_FINE_TUNE;
    if (p.endsWith("/files") || p.endsWith("/uploads")) return Action.MODEL_FILES;
    return null;
  }

  /**
   * The model named in the path, for wire formats that put it there rather than in the body:
   * Gemini {@code .../models/NAME:generateContent}, Bedrock {@code /model/NAME/converse}; else null.
   */
  public String modelFromPath() {
    int colon = path.lastIndexOf(':');
    int models = path.lastIndexOf("/models/");
    if (colon > 0 && models >= 0 && colon > models + 8) return decode(path.substring(models + 8, colon));
    if (path.startsWith("/model/")) {
      int end = path.indexOf('/', 7);
      if (end > 7) return decode(path.substring(7, end));
    }
    return null;
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Builds a target from a base URL plus path segments, as the Stainless SDKs hold them. */
  public static AiTarget of(String sdkProvider, String baseUrl, String path, String method) {
    Base base = Base.of(baseUrl);
    String provider = sdkProvider;
    if ("openai".equals(sdkProvider) && base.host().endsWith(".openai.azure.com")) provider = "azure-openai";
    return new AiTarget(provider, base.scheme(), base.host(), base.port(), base.path() + path, method);
  }

  /**
   * A client's base URL taken apart. A client sends every call to the same one or two base URLs,
   * so each is parsed once (a URI parse per call was a measurable part of the hook).
   */
  private record Base(String scheme, String host, int port, String path) {
    private static final int CACHED = 64;
    private static final java.util.concurrent.ConcurrentHashMap<String, Base> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    static Base of(String baseUrl) {
      Base b = PARSED.get(baseUrl);
      if (b != null) return b;
      b = parse(baseUrl);
      if (PARSED.size() < CACHED) PARSED.putIfAbsent(baseUrl, b);
      return b;
    }

    private static Base parse(String baseUrl) {
      java.net.URI uri = java.net.URI.create(baseUrl);
      String scheme = uri.getScheme() == null ? "https" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
      int port = uri.getPort() >= 0 ? uri.getPort() : "http".equals(scheme) ? 80 : 443;
      String basePath = uri.getRawPath() == null ? "" : uri.getRawPath();
      if (basePath.endsWith("/")) basePath = basePath.substring(0, basePath.length() - 1);
      return new Base(scheme, host, port, basePath);
    }
  }
}
