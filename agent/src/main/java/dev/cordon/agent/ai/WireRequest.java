package dev.cordon.agent.ai;

import java.util.List;

/**
 * What Cordon reads from an AI request body, whatever client produced it: the model, the output
 * cap and which member carries it, declared tools, streaming, and a digest of the prompt.
 *
 * @param capField the member that set {@code outputCap}, or null when the request sets no cap
 * @param promptSha256 lowercase hex SHA-256 over the raw JSON of the prompt-bearing members
 *     ({@code messages}, {@code input}, {@code system}, {@code prompt}, {@code contents}) in order
 */
public record WireRequest(String model, long outputCap, String capField, List<String> tools, boolean stream,
    String promptSha256) {}
