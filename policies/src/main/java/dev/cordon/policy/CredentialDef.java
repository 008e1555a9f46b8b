package dev.cordon.policy;

import java.nio.file.Path;
import java.time.Duration;

/** A scoped key the agent injects (spec 7). {@code file} is absolute; {@code maxAge} nullable. */
public record CredentialDef(String id, String provider, Path file, Duration maxAge) { }
