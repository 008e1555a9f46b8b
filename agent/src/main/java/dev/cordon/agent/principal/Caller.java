package dev.cordon.agent.principal;

/** Who made a governed call: the principal id, and the deciding frame as {@code class.method(File.java:line)}. */
public record Caller(String principal, String frame) {}
