package dev.cordon.redact;

/** One entity found in a text: {@code text.substring(start, end)} is of type {@code type}. */
public record Span(int start, int end, String type) {}
