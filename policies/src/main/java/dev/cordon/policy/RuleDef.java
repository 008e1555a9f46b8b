package dev.cordon.policy;

import java.util.List;
import java.util.Map;

/**
 * A rule as written. {@code principals}, {@code actions}, {@code resources} are never empty
 * ("*" spells "any"). {@code mode} and {@code credential} are null when absent;
 * {@code limits} is {@link Limits#NONE} when absent.
 */
public record RuleDef(String id, Effect effect, List<String> principals, List<String> actions,
                      List<String> resources, Limits limits, List<String> redactPrompt,
                      List<String> redactOutput, Map<String, String> mask, Mode mode,
                      String credential) {
    public RuleDef {
        principals = List.copyOf(principals);
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        redactPrompt = List.copyOf(redactPrompt);
        redactOutput = List.copyOf(redactOutput);
        mask = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mask));
    }
}
