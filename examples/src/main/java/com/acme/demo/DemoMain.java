package com.acme.demo;

import com.acme.support.SupportAssistant;
import com.acme.training.TrainingJob;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.cordon.examples.fake.FakeOpenAiServer;
import dev.cordon.examples.fake.FakeOpenAiServer.RecordedRequest;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The "support assistant" demo: real openai-java SDK calls, made by two parts of one application,
 * against a fake OpenAI server started in-process. Run it with the Cordon agent
 * ({@code run-demo.sh}) to see calls allowed, blocked and redacted by {@code cordon.yaml}; run it
 * without the agent and every call goes through.
 */
public final class DemoMain {
    static final String CHAT_MODEL = "gpt-4o-mini";
    static final String BIG_MODEL = "gpt-4o";
    static final String EMBEDDING_MODEL = "text-embedding-3-small";
    static final String TRAINING_DATA = "data/training/tickets.txt";
    static final String PRODUCTION_DATA = "data/prod/customers.csv";
    static final String PII_PROMPT = "Customer jane.doe@example.com says card 4111 1111 1111 1111"
            + " was charged twice for order #1234. Draft a short apology.";

    /** The outcome of every step, and every request that reached the fake provider. */
    public record Report(List<Step.Result> steps, List<RecordedRequest> received) {}

    private DemoMain() {}

    public static void main(String[] args) {
        run(System.out);
    }

    public static Report run(PrintStream out) {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            // maxRetries(0): one application call is one request and one audit entry.
            OpenAIClient client = OpenAIOkHttpClient.builder()
                    .baseUrl(server.baseUrl())
                    .apiKey("sk-demo-not-a-real-key")
                    .maxRetries(0)
                    .build();
            try {
                out.println("Cordon demo: a support assistant and a training job share one JVM");
                out.println("Fake OpenAI server: " + server.baseUrl());
                out.println("Cordon agent: " + (agentAttached()
                        ? "attached" : "NOT attached, so every call below is allowed"));
                out.println();
                List<Step.Result> steps = scenario(out, server, new SupportAssistant(client), new TrainingJob(client));
                out.println();
                ProviderView.printAll(out, server.requests());
                Path audit = ProviderView.auditLog();
                out.println("Audit log: " + audit + (ProviderView.exists(audit) ? "" : " (not written: no agent?)"));
                return new Report(steps, server.requests());
            } finally {
                client.close(); // stops OkHttp's non-daemon threads so the JVM can exit at once
            }
        }
    }

    private static List<Step.Result> scenario(PrintStream out, FakeOpenAiServer server,
            SupportAssistant support, TrainingJob training) {
        List<Step.Result> steps = new ArrayList<>();
        steps.add(Step.run(out, "(a) support-bot asks " + CHAT_MODEL + " (allowed by rule support-chat)",
                () -> support.answer(CHAT_MODEL, "Where is my order #1234?")));
        steps.add(Step.run(out, "(b) support-bot asks " + BIG_MODEL + " (a model the policy does not allow)",
                () -> support.answer(BIG_MODEL, "Where is my order #1234?")));
        steps.add(Step.run(out, "(c) support-bot asks for max_completion_tokens 4096 (limit: 1024)",
                () -> support.answer(CHAT_MODEL, "Write a long essay about shipping.", 4096)));

        int before = server.requests().size();
        steps.add(Step.run(out, "(d) support-bot sends an email address and a card number (to be redacted)",
                () -> support.answer(CHAT_MODEL, PII_PROMPT)));
        List<RecordedRequest> now = server.requests();
        out.println("    the provider received: " + (now.size() > before
                ? ProviderView.quoted(ProviderView.prompt(now.get(now.size() - 1)))
                : "nothing (the call never left the JVM)"));

        steps.add(Step.run(out, "(e) support-bot streams an answer (stream: true allowed)", () -> {
            SupportAssistant.StreamedAnswer a = support.streamAnswer(CHAT_MODEL, "Greet the customer warmly.");
            return a.text() + "  [" + a.chunks() + " chunks]";
        }));
        steps.add(Step.run(out, "(f) trainer embeds a training example with " + EMBEDDING_MODEL,
                () -> "vector of " + training.embed(EMBEDDING_MODEL, "How do I reset my password?").size() + " floats"));
        steps.add(Step.run(out, "(g) trainer asks a chat model to label data (trainer may not chat)",
                () -> training.label(CHAT_MODEL, "My parcel never arrived.")));
        steps.add(Step.run(out, "(h) trainer reads its training data (dataset training-tickets, env training)",
                () -> training.readData(TRAINING_DATA).lines().count() + " tickets read"));
        steps.add(Step.run(out, "(i) trainer reads production customers (separation: strict keeps training apart)",
                () -> "read " + training.readData(PRODUCTION_DATA).length() + " characters of customer data"));
        return steps;
    }

    /** Informational only: the demo behaves the same either way; Cordon decides, not the app. */
    private static boolean agentAttached() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-javaagent:") && a.contains("cordon"))
                || String.valueOf(System.getenv("JAVA_TOOL_OPTIONS")).contains("cordon");
    }
}
