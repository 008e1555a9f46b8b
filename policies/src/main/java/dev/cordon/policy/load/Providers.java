package dev.cordon.policy.load;

import java.util.List;

/** The provider names of spec 2. Internal. */
public final class Providers {
    public static final List<String> KNOWN =
        List.of("openai", "azure-openai", "anthropic", "gemini", "bedrock", "ollama");

    private Providers() { }

    public static boolean isKnown(String p) {
        return KNOWN.contains(p);
    }
}
