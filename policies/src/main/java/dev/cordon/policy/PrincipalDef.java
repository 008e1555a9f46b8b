package dev.cordon.policy;

import java.util.List;

/**
 * A declared principal (spec 3). Empty lists mean "criterion absent". {@code headerName} null
 * means no http_header criterion; {@code headerEquals} null means the header must merely be
 * present.
 */
public record PrincipalDef(String id, List<String> code, List<String> threads, List<String> service,
                           String headerName, String headerEquals) {
    public PrincipalDef {
        code = List.copyOf(code);
        threads = List.copyOf(threads);
        service = List.copyOf(service);
    }

    public boolean hasCode() {
        return !code.isEmpty();
    }
}
