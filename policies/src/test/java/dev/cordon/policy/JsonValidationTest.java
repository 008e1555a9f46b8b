package dev.cordon.policy;

import static dev.cordon.policy.Yaml.has;
import static dev.cordon.policy.Yaml.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON policies get the same schema and the same located problems. */
class JsonValidationTest {
    @Test
    void locatedProblemsInJson() {
        String json = "{\n"
            + "  \"version\": 1,\n"
            + "  \"mode\": \"enforce\",\n"
            + "  \"principals\": [ { \"id\": \"a\", \"match\": { \"code\": [\"com.a**\"] } } ],\n"
            + "  \"rules\": [\n"
            + "    { \"id\": \"r\", \"effect\": \"allow\", \"principals\": [\"b\"],\n"
            + "      \"actions\": [\"model.chat\"], \"resources\": [\"model:m\"], \"colour\": 1 }\n"
            + "  ]\n"
            + "}\n";
        List<Problem> ps = problems(json, true);
        assertEquals(4, ps.size(), Yaml.render(ps));
        has(ps, 4, 52, "malformed class-name glob 'com.a**'");
        has(ps, 6, 52, "rule refers to undeclared principal 'b'");
        has(ps, 7, 48, "rule refers to undeclared model 'm'");
        has(ps, 7, 60, "unknown key 'colour' in rule 'r'");
        assertEquals("cordon.json", ps.get(0).file());
    }

    @Test
    void jsonTypesAreChecked() {
        List<Problem> ps = problems("{\"version\": \"1\", \"mode\": \"enforce\", \"lock_mode\": \"true\", \"rules\": {}}", true);
        assertEquals(3, ps.size(), Yaml.render(ps));
        has(ps, 1, 13, "'version' in the policy must be a whole number, found '1'");
        has(ps, 1, 50, "'lock_mode' in the policy must be true or false, found 'true'");
        has(ps, 1, 67, "'rules' must be a list of entries");
    }
}
