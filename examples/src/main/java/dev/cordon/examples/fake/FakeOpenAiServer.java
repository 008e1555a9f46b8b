package dev.cordon.examples.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OpenAI-compatible server on 127.0.0.1, speaking the real wire format (see the templates'
 * README), recording every request it receives so tests and the demo can show what actually
 * reached the "provider" (for instance, whether Cordon redacted a prompt).
 *
 * <p>Endpoints: POST /v1/chat/completions (JSON or SSE, tool calls), POST /v1/responses (JSON or
 * SSE), POST /v1/embeddings, Anthropic's POST /v1/messages (JSON or SSE, tool use), Gemini's POST
 * /v1beta/models/{model}:generateContent|streamGenerateContent|embedContent|batchEmbedContents, Bedrock's
 * POST /model/{id}/converse|converse-stream|invoke|invoke-with-response-stream, Ollama's POST
 * /api/chat|generate (JSON or NDJSON) and /api/embed, POST /v1/fine_tuning/jobs, POST /v1/files (multipart), GET /v1/models.
 * Anything else: 404 in OpenAI's error shape; an unparseable JSON body: 400.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    /** One request as received: header names lower-cased, body decoded as UTF-8. */
    public record RecordedRequest(String method, String path, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final Endpoints endpoints = new Endpoints();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private volatile int latencyMillis;
    private volatile boolean gzipWhenAsked;

    private FakeOpenAiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on an ephemeral port. */
    public static FakeOpenAiServer start() {
        return start(0);
    }

    public static FakeOpenAiServer start(int port) {
        // Without TCP_NODELAY the JDK server's small writes meet the client's delayed ACK and every
        // answer takes ~40 ms, which would swamp any latency measured against this fake.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
            ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
            FakeOpenAiServer fake = new FakeOpenAiServer(http, executor);
            http.createContext("/", fake::exchange);
            http.setExecutor(executor);
            http.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake OpenAI server on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** The server root, for SDKs that add the version themselves (Anthropic, Gemini, Bedrock, Ollama). */
    public String rootUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Thread-safe snapshot, in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clear() {
        synchronized (requests) {
            requests.clear();
        }
    }

    /**
     * Streams chat content in pieces of {@code chars} characters (0 = word by word, the default), so
     * tests can split a value across server-sent events.
     */
    public void setStreamSlice(int chars) {
        endpoints.chat.contentSlice = Math.max(0, chars);
    }

    /**
     * Compresses JSON answers when the request's Accept-Encoding names gzip, as real providers do
     * (default off: most tests compare bodies as sent).
     */
    public void setGzipWhenAsked(boolean on) {
        this.gzipWhenAsked = on;
    }

    /** An artificial delay before each answer, e.g. to test timeouts or overhead (default 0). */
    public void setLatencyMillis(int ms) {
        this.latencyMillis = Math.max(0, ms);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            record(method, path, exchange, body);
            Reply reply;
            try {
                reply = endpoints.answer(method, path, contentType, body);
            } catch (ApiError e) {
                reply = new Reply.JsonReply(e.status, e.body());
            } catch (RuntimeException e) {
                // A bug in the fake must still produce an answer, never a hang.
                reply = new Reply.JsonReply(500, new ApiError(500, "fake server error: " + e,
                        "server_error", null, null).body());
            }
            delay();
            String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            String pad = exchange.getRequestHeaders().getFirst("X-Fake-Pad-Bytes");
            String frameDelay = exchange.getRequestHeaders().getFirst("X-Fake-Frame-Delay-Ms");
            send(exchange, reply, gzipWhenAsked && accept != null && accept.contains("gzip"),
                    pad == null ? 0 : Integer.parseInt(pad.trim()),
                    frameDelay == null ? 0 : Integer.parseInt(frameDelay.trim()));
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }

    private void record(String method, String path, HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        RecordedRequest r = new RecordedRequest(method, path, Map.copyOf(headers),
                new String(body, StandardCharsets.UTF_8));
        synchronized (requests) {
            requests.add(r);
        }
    }

    private void delay() {
        int ms = latencyMillis;
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * @param gzip compress a JSON answer; @param padBytes a JSON answer gets a member of that many
     *     filler characters (request header {@code X-Fake-Pad-Bytes}), to test very large bodies;
     *     @param frameDelayMs a pause before each SSE frame (request header
     *     {@code X-Fake-Frame-Delay-Ms}), to see when a client receives the first ones
     */
    private static void send(HttpExchange exchange, Reply reply, boolean gzip, int padBytes, int frameDelayMs)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("x-request-id", Ids.hex("req_", 32));
        headers.set("openai-version", "2020-10-01");
        headers.set("openai-processing-ms", "1");
        if (reply instanceof Reply.JsonReply json) {
            byte[] bytes = Json.write(json.body()).getBytes(StandardCharsets.UTF_8);
            if (padBytes > 0 && bytes.length > 1 && bytes[bytes.length - 1] == '}') {
                byte[] padded = new byte[bytes.length + padBytes + 13];
                System.arraycopy(bytes, 0, padded, 0, bytes.length - 1);
                byte[] member = ",\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(member, 0, padded, bytes.length - 1, member.length);
                java.util.Arrays.fill(padded, bytes.length - 1 + member.length, padded.length - 2, (byte) 'a');
                padded[padded.length - 2] = '"';
                padded[padded.length - 1] = '}';
                bytes = padded;
            }
            if (gzip) {
                java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
                try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(z)) {
                    g.write(bytes);
                }
                bytes = z.toByteArray();
                headers.set("Content-Encoding", "gzip");
            }
            headers.set("Content-Type", "application/json");
            exchange.sendResponseHeaders(json.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        } else if (reply instanceof Reply.BinaryStream stream) {
            headers.set("Content-Type", stream.contentType());
            exchange.sendResponseHeaders(200, 0); // chunked
            OutputStream out = exchange.getResponseBody();
            for (byte[] frame : stream.frames()) {
                out.write(frame);
                out.flush();
            }
        } else if (reply instanceof Reply.EventStream stream) {
            headers.set("Content-Type", "text/event-stream; charset=utf-8");
            headers.set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0); // chunked
            OutputStream out = exchange.getResponseBody();
            for (String frame : stream.frames()) {
                if (frameDelayMs > 0) {
                    try {
                        Thread.sleep(frameDelayMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush(); // one HTTP chunk per SSE frame, like the real chunk boundaries
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "fake-openai-" + n.incrementAndGet());
            t.setDaemon(true); // never keeps a test JVM or the demo alive
            return t;
        };
    }

    /** Standalone: {@code java ... FakeOpenAiServer [--port N] [--latency-ms N]}; runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        int latency = 0;
        for (int i = 0; i < args.length; i++) {
            if ("--port".equals(args[i]) && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else if ("--latency-ms".equals(args[i]) && i + 1 < args.length) {
                latency = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: FakeOpenAiServer [--port N] [--latency-ms N]");
                System.exit(2);
            }
        }
        FakeOpenAiServer server = start(port);
        server.setLatencyMillis(latency);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println(server.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
