package dev.cordon.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The agent codes against these exact signatures; renaming one must fail here first. */
class ApiShapeTest {
    private static void has(Class<?> c, Class<?> returns, String name, Class<?>... params) throws Exception {
        Method m = c.getMethod(name, params);
        assertEquals(returns, m.getReturnType(), c.getSimpleName() + "." + name);
        assertTrue(Modifier.isPublic(m.getModifiers()));
    }

    @Test
    void enums() throws Exception {
        has(Mode.class, Mode.class, "parse", String.class);
        has(Mode.class, String.class, "wireName");
        has(Action.class, String.class, "wireName");
        has(Action.class, Action.class, "fromWire", String.class);
        assertEquals(List.of("model.chat", "model.embed", "model.fine_tune", "model.files", "dataset.read", "dataset.write",
            "vector.query", "vector.write"), java.util.Arrays.stream(Action.values()).map(Action::wireName).toList());
        assertEquals(Action.MODEL_FINE_TUNE, Action.fromWire("model.fine_tune"));
        assertEquals(null, Action.fromWire("model.*"));
        assertEquals(Mode.MONITOR, Mode.parse("Monitor"));
        assertEquals(null, Mode.parse("off"));
        assertEquals("enforce", Mode.ENFORCE.wireName());
        assertEquals(2, Effect.values().length);
    }

    @Test
    void loaderAndPolicy() throws Exception {
        has(PolicyLoader.class, Policy.class, "load", Path.class);
        has(PolicyLoader.class, Policy.class, "parse", String.class, String.class, boolean.class, Path.class);
        has(PolicyException.class, List.class, "problems");
        has(Policy.class, int.class, "version");
        has(Policy.class, Mode.class, "mode");
        has(Policy.class, String.class, "service");
        has(Policy.class, boolean.class, "lockMode");
        has(Policy.class, Path.class, "baseDir");
        for (String list : List.of("principals", "models", "datasets", "endpoints", "credentials", "rules")) {
            has(Policy.class, List.class, list);
        }
        has(Policy.class, boolean.class, "hasEndpoints");
        has(Policy.class, RedactionConfig.class, "redaction");
        has(Policy.class, AuditConfig.class, "audit");
        has(Policy.class, CredentialDef.class, "credential", String.class);
        has(Policy.class, ModelRef.class, "resolveModel", String.class, String.class);
        has(Policy.class, DatasetRef.class, "datasetForFile", String.class);
        has(Policy.class, DatasetRef.class, "datasetForJdbc", String.class, String.class);
        has(Policy.class, List.class, "datasetsForJdbcUrl", String.class);
        has(Policy.class, VectorRef.class, "vector", String.class);
        has(Policy.class, EndpointDef.class, "endpoint", String.class, int.class);
        has(Policy.class, Decision.class, "decide", String.class, Action.class, Resource.class);
        has(Policy.class, PrincipalSelector.class, "principalSelector");
        has(Policy.class, Decision.class, "explain", String.class, String.class, String.class);
        assertTrue(Modifier.isFinal(Policy.class.getModifiers()));
    }

    @Test
    void resourcesDecisionsLimits() throws Exception {
        has(Resource.class, String.class, "id");
        has(ModelRef.class, String.class, "provider");
        has(ModelRef.class, String.class, "model");
        has(ModelRef.class, ModelDef.class, "declared");
        has(DatasetRef.class, DatasetDef.class, "dataset");
        has(VectorRef.class, String.class, "collection");
        has(Decision.class, boolean.class, "allowed");
        has(Decision.class, Effect.class, "effect");
        has(Decision.class, String.class, "ruleId");
        has(Decision.class, Mode.class, "mode");
        has(Decision.class, Limits.class, "limits");
        has(Decision.class, Set.class, "promptRedactions");
        has(Decision.class, Set.class, "outputRedactions");
        has(Decision.class, Map.class, "masks");
        has(Decision.class, String.class, "credentialId");
        has(Decision.class, String.class, "explanation");
        has(Limits.class, long.class, "maxOutputTokens");
        has(Limits.class, Set.class, "tools");
        has(Limits.class, Boolean.class, "stream");
        has(Limits.class, long.class, "maxRows");
        has(Limits.class, long.class, "maxEpochs");
        assertEquals(-1, Limits.NONE.maxOutputTokens());
        assertEquals(null, Limits.NONE.tools());
        assertEquals(null, Limits.NONE.stream());
    }

    @Test
    void principalSelector() throws Exception {
        assertEquals("anonymous", PrincipalSelector.ANONYMOUS);
        has(PrincipalSelector.class, boolean.class, "usesCode");
        has(PrincipalSelector.class, boolean.class, "usesHeaders");
        has(PrincipalSelector.class, long.class, "candidates", String.class, String.class, Function.class);
        has(PrincipalSelector.class, int.class, "matchFrame", long.class, String.class);
        has(PrincipalSelector.class, int.class, "fallback", long.class);
        has(PrincipalSelector.class, String.class, "id", int.class);
    }

    @Test
    void problemRendering() {
        assertEquals("a.yaml:3:7: bad", new Problem("a.yaml", 3, 7, "bad").toString());
    }
}
