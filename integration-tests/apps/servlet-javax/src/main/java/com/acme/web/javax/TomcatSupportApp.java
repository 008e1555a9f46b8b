package com.acme.web.javax;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * A javax.servlet web app on embedded Tomcat 9 whose servlet makes an AI call (openai-java), inline
 * or in async work: {@code sync}, {@code pool} (a thread pool), {@code cf} (CompletableFuture.supplyAsync).
 * Nothing in it knows about Cordon. The main serves, then calls itself once per argument
 * {@code MODE:ROLE} ({@code ROLE} "-" sends no X-Role header) and prints {@code #i <answer>}.
 */
public final class TomcatSupportApp {
  static final OpenAIClient AI = OpenAIOkHttpClient.builder().baseUrl(System.getProperty("fake.url")).apiKey("sk-test")
      .maxRetries(0).build();
  static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  public static final class AskServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String answer;
      try {
        answer = switch (req.getParameter("mode")) {
          case "sync" -> ask();
          case "pool" -> POOL.submit(TomcatSupportApp::ask).get(30, TimeUnit.SECONDS);
          case "cf" -> CompletableFuture.supplyAsync(TomcatSupportApp::ask).get(30, TimeUnit.SECONDS);
          default -> throw new IllegalArgumentException("mode");
        };
      } catch (Exception e) {
        Throwable t = e.getCause() != null && !(e instanceof SecurityException) ? e.getCause() : e;
        answer = (t instanceof SecurityException ? "DENIED " : "FAIL ") + t.getClass().getName() + ": " + t.getMessage();
      }
      resp.setContentType("text/plain");
      resp.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
    }
  }

  static String ask() {
    return "OK " + AI.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o-mini")
        .addUserMessage("Where is my order 1234?").build()).choices().get(0).message().content().orElse("");
  }

  public static void main(String[] args) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    Context ctx = tomcat.addContext("", null);
    Tomcat.addServlet(ctx, "ask", new AskServlet());
    ctx.addServletMappingDecoded("/ask", "ask");
    tomcat.start();
    int port = tomcat.getConnector().getLocalPort();
    int i = 0;
    for (String a : args) {
      String[] p = a.split(":");
      HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/ask?mode=" + p[0]).toURL().openConnection();
      if (!p[1].equals("-")) c.setRequestProperty("X-Role", p[1]);
      String body = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      System.out.println("#" + (++i) + " " + body);
    }
    System.out.flush();
    tomcat.stop();
    System.exit(0);
  }
}
