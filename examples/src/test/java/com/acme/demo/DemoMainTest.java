package com.acme.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Without the agent (as here) the demo must run to completion with every call allowed. */
class DemoMainTest {

    @Test
    void runsToCompletionWithoutTheAgent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoMain.Report report;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            report = DemoMain.run(out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(9, report.steps().size(), printed);
        report.steps().forEach(s -> assertEquals(Step.Outcome.ALLOWED, s.outcome(), s.toString()));
        assertFalse(printed.contains("BLOCKED"), printed);
        assertEquals(9, printed.split("ALLOWED: ", -1).length - 1, printed);
        assertTrue(printed.contains("Cordon agent: NOT attached"), printed);
        assertTrue(printed.contains("Audit log: "), printed);

        // every call reached the provider, the PII one unredacted since no agent is attached
        assertEquals(7, report.received().size());
        assertEquals(6, report.received().stream().filter(r -> r.path().equals("/v1/chat/completions")).count());
        assertEquals(1, report.received().stream().filter(r -> r.path().equals("/v1/embeddings")).count());
        assertTrue(report.received().get(3).body().contains("4111 1111 1111 1111"));
        assertTrue(printed.contains("the provider received: \"Customer jane.doe@example.com"), printed);
        assertTrue(report.received().get(2).body().contains("\"max_completion_tokens\":4096"));
        assertTrue(report.received().get(4).body().contains("\"include_usage\":true"));
    }

    @Test
    void aSecurityExceptionIsReportedAsBlockedAndTheDemoGoesOn() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        Step.Result wrapped = Step.run(out, "x", () -> {
            throw new IllegalStateException("sdk wrapper", new SecurityException("denied by rule r1"));
        });
        Step.Result failed = Step.run(out, "y", () -> {
            throw new java.io.IOException("connection refused");
        });

        assertEquals(Step.Outcome.BLOCKED, wrapped.outcome());
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("BLOCKED: denied by rule r1"));
        assertEquals(Step.Outcome.FAILED, failed.outcome());
    }
}
