package dev.cordon.agent.ai;

import java.net.URI;
import java.util.Locale;

/**
 * An {@link AiTarget} from a full request URL, for clients that hand Cordon a URL rather than an
 * SDK's base URL (LangChain4j's HTTP client, Google GenAI, Bedrock, raw transports). The provider
 * (the wire format to read) comes from the host when it is a known provider's (spec 6), else from
 * the path; a policy endpoint's {@code provider} still overrides it in {@link AiGovernor}.
 */
public final class UrlTarget {
  private UrlTarget() {}

  // Broader than the transports' AiTraffic.byPath on purpose: a client library's request is AI
  // traffic by construction, so its path only has to name the wire format.
  public static AiTarget of(String url, String method) {
    URI uri = URI.create(url);
    String scheme = uri.getScheme() == null ? "https" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort() >= 0 ? uri.getPort() : "http".equals(scheme) ? 80 : 443;
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return new AiTarget(provider(host, path), scheme, host, port, path, method);
  }

  /** The provider whose wire format a request to this host and path speaks. */
  public static String provider(String host, String path) {
    if (host.endsWith(".openai.azure.com")) return "azure-openai";
    if (host.equals("api.openai.com")) return "openai";
    if (host.equals("api.anthropic.com")) return "anthropic";
    if (host.equals("generativelanguage.googleapis.com") || host.endsWith("-aiplatform.googleapis.com")) return "gemini";
    if (host.startsWith("bedrock-runtime.") && host.endsWith(".amazonaws.com")) return "bedrock";
    if (path.endsWith("/messages")) return "anthropic";
    if (path.contains(":generateContent") || path.contains(":streamGenerateContent") || path.contains(":embedContent")
        || path.contains(":batchEmbedContents")) {
      return "gemini";
    }
    if (path.startsWith("/model/") && (path.endsWith("/converse") || path.endsWith("/converse-stream")
        || path.endsWith("/invoke") || path.endsWith("/invoke-with-response-stream"))) {
      return "bedrock";
    }
    if (path.endsWith("/api/chat") || path.endsWith("/api/generate") || path.endsWith("/api/embed")
        || path.endsWith("/api/embeddings")) {
      return "ollama";
    }
    return "openai";
  }
}
