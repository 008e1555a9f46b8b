package com.acme.support.raw;

import com.acme.shared.JdkRawHttp;
import com.acme.shared.OkHttpRawHttp;
import com.acme.shared.RawHttp;
import com.acme.shared.UrlConnectionRawHttp;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The "support-bot" principal reaching an AI endpoint every way an application can: through clients
 * Cordon governs, and around them (a vendored OkHttp, raw sockets, NIO), for the socket backstop.
 * Each chat carries {@code via-STEP} in its prompt, so the test can tell which requests reached the
 * wire. Steps: {@code await-backstop:PORT} (until a connect to 127.0.0.1:PORT shows up in the audit
 * log: the backstop is woven; prints nothing), {@code await-policy} (until the policy is loaded, then
 * one more second for whatever it makes the agent weave; prints nothing), {@code shaded}, {@code socket}, {@code tls},
 * {@code nio}, {@code aio}, {@code jdk}, {@code jdk-async}, {@code okhttp}, {@code okhttp-async},
 * {@code urlconnection}, {@code sdk}, {@code sdk-async}, {@code sdk-stream}, {@code plain:URL}
 * (a raw GET to a server that is no AI endpoint). Each prints {@code #i OK detail},
 * {@code #i DENIED class: message} or {@code #i FAIL class: message}.
 */
public final class BackstopMain {
  private static final String KEY = "Bearer sk-app-own-key";
  private static final String MODEL = "gpt-4o-mini";

  public static void main(String[] args) throws Exception {
    String base = System.getProperty("fake.url");
    URI uri = URI.create(base);
    int step = 0;
    for (String s : args) {
      if (s.startsWith("await-backstop:")) {
        awaitBackstop(Integer.parseInt(s.substring(15)));
        continue;
      }
      if (s.equals("await-policy")) {
        awaitPolicy();
        continue;
      }
      int i = ++step;
      try {
        System.out.println("#" + i + " OK " + run(s, base, uri));
      } catch (Throwable e) {
        Throwable c = e;
        while ((c instanceof java.util.concurrent.ExecutionException || c instanceof java.util.concurrent.CompletionException
            || c instanceof java.lang.reflect.InvocationTargetException)
            && c.getCause() != null) {
          c = c.getCause();
        }
        Throwable deny = c;
        while (deny != null && !(deny instanceof SecurityException)) deny = deny.getCause();
        System.out.println("#" + i + " " + (deny != null ? "DENIED " : "FAIL ") + c.getClass().getName() + ": " + c.getMessage());
      }
    }
    System.out.flush();
    System.exit(0);
  }

  private static String run(String s, String base, URI uri) throws Exception {
    String chat = base + "/chat/completions";
    String step = s.split(":")[0];
    String json = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"via-" + step + "\"}]}";
    return switch (step) {
      case "shaded" -> Class.forName("com.acme.vendored.VendoredHttp")
          .getMethod("post", String.class, String.class, String.class).invoke(null, chat, json, KEY).toString();
      case "socket" -> {
        try (Socket sock = new Socket(uri.getHost(), uri.getPort())) {
          yield exchange(sock.getInputStream(), sock.getOutputStream(), uri, json);
        }
      }
      case "tls" -> {
        try (Socket sock = javax.net.ssl.SSLSocketFactory.getDefault().createSocket(uri.getHost(), uri.getPort())) {
          yield "connected " + sock.isConnected();
        }
      }
      case "nio" -> {
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()))) {
          ch.write(ByteBuffer.wrap(request(uri, json)));
          ByteBuffer in = ByteBuffer.allocate(1 << 16);
          ch.read(in);
          yield statusLine(new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1));
        }
      }
      case "aio" -> {
        try (AsynchronousSocketChannel ch = AsynchronousSocketChannel.open()) {
          ch.connect(new InetSocketAddress(uri.getHost(), uri.getPort())).get(10, TimeUnit.SECONDS);
          ch.write(ByteBuffer.wrap(request(uri, json))).get(10, TimeUnit.SECONDS);
          ByteBuffer in = ByteBuffer.allocate(1 << 16);
          ch.read(in).get(10, TimeUnit.SECONDS);
          yield statusLine(new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1));
        }
      }
      case "jdk" -> answer(new JdkRawHttp().post(chat, json, headers()));
      case "jdk-async" -> answer(new JdkRawHttp().postAsync(chat, json, headers()));
      case "okhttp" -> answer(new OkHttpRawHttp().post(chat, json, headers()));
      case "okhttp-async" -> answer(new OkHttpRawHttp().postAsync(chat, json, headers()));
      case "urlconnection" -> answer(new UrlConnectionRawHttp().post(chat, json, headers()));
      case "sdk" -> {
        OpenAIClient c = OpenAIOkHttpClient.builder().baseUrl(base).apiKey("sk-test-key").maxRetries(0).build();
        yield "sdk " + c.chat().completions().create(params(step)).model();
      }
      case "sdk-async" -> {
        OpenAIClientAsync c = OpenAIOkHttpClientAsync.builder().baseUrl(base).apiKey("sk-test-key").maxRetries(0).build();
        yield "sdk-async " + c.chat().completions().create(params(step)).get(30, TimeUnit.SECONDS).model();
      }
      case "sdk-stream" -> {
        OpenAIClient c = OpenAIOkHttpClient.builder().baseUrl(base).apiKey("sk-test-key").maxRetries(0).build();
        StringBuilder sb = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> r = c.chat().completions().createStreaming(params(step))) {
          r.stream().forEach(ch -> ch.choices().forEach(x -> x.delta().content().ifPresent(sb::append)));
        }
        yield "streamed " + sb;
      }
      case "plain" -> {
        URI other = URI.create(s.substring(6));
        try (Socket sock = new Socket()) {
          sock.connect(new InetSocketAddress(other.getHost(), other.getPort()), 10_000);
          OutputStream out = sock.getOutputStream();
          out.write(("GET " + other.getPath() + " HTTP/1.1\r\nHost: " + other.getHost() + ":" + other.getPort()
              + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          yield statusLine(new String(sock.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
      }
      default -> throw new IllegalArgumentException("unknown step " + s);
    };
  }

  private static ChatCompletionCreateParams params(String step) {
    return ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("via-" + step).build();
  }

  private static String[] headers() {
    return new String[] {"Authorization", KEY, "Content-Type", "application/json"};
  }

  private static String answer(RawHttp.Answer a) {
    return "status " + a.status();
  }

  /** A hand-written HTTP/1.1 POST, as a client with no library would send it. */
  private static byte[] request(URI uri, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + uri.getPath() + "/chat/completions HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
        + "\r\nAuthorization: " + KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  private static String exchange(InputStream in, OutputStream out, URI uri, String json) throws Exception {
    out.write(request(uri, json));
    out.flush();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    in.transferTo(got);
    return statusLine(got.toString(StandardCharsets.ISO_8859_1));
  }

  private static String statusLine(String response) {
    int eol = response.indexOf('\r');
    return eol < 0 ? response : response.substring(0, eol);
  }

  private static void awaitPolicy() throws Exception {
    Path audit = Path.of("cordon-audit.jsonl");
    long until = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < until
        && !(Files.exists(audit) && Files.readString(audit).contains("\"policy.load\""))) {
      Thread.sleep(50);
    }
    Thread.sleep(1000);
  }

  /**
   * The backstop is woven once the policy has loaded, off the main thread: probes 127.0.0.1:PORT
   * (nothing listens there; the policy lists it) until the audit log shows the probe was seen.
   */
  private static void awaitBackstop(int port) throws Exception {
    Path audit = Path.of("cordon-audit.jsonl");
    long until = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < until) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      } catch (Exception expected) {
        // refused (no listener) or denied: the audit log tells which
      }
      if (Files.exists(audit) && Files.readString(audit).contains("endpoint:127.0.0.1:" + port + "\"")) return;
      Thread.sleep(50);
    }
    System.out.println("backstop never saw the probe");
  }
}
