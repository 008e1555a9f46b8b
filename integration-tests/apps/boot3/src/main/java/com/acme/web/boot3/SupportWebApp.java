package com.acme.web.boot3;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot 3 web app (Tomcat, jakarta) run as a fat jar, knowing nothing of Cordon: GET /ask
 * makes an AI call inline ({@code sync}), on a pool ({@code pool}) or through
 * CompletableFuture.supplyAsync ({@code cf}). The main starts it on a random port, calls it once per
 * argument {@code MODE:ROLE} (ROLE "-" sends no X-Role header), prints {@code #i <answer>} and exits.
 */
@SpringBootApplication
@RestController
public class SupportWebApp {
  private final OpenAIClient ai = OpenAIOkHttpClient.builder().baseUrl(System.getProperty("fake.url")).apiKey("sk-test")
      .maxRetries(0).build();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @GetMapping("/ask")
  public String ask(@RequestParam("mode") String mode) {
    try {
      return switch (mode) {
        case "sync" -> chat();
        case "pool" -> pool.submit(this::chat).get(30, TimeUnit.SECONDS);
        case "cf" -> CompletableFuture.supplyAsync(this::chat).get(30, TimeUnit.SECONDS);
        default -> throw new IllegalArgumentException("mode");
      };
    } catch (Exception e) {
      Throwable t = e.getCause() != null && !(e instanceof SecurityException) ? e.getCause() : e;
      return (t instanceof SecurityException ? "DENIED " : "FAIL ") + t.getClass().getName() + ": " + t.getMessage();
    }
  }

  private String chat() {
    return "OK " + ai.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o-mini")
        .addUserMessage("Where is my order 1234?").build()).choices().get(0).message().content().orElse("");
  }

  public static void main(String[] args) throws Exception {
    ConfigurableApplicationContext ctx = SpringApplication.run(SupportWebApp.class, "--server.port=0",
        "--spring.main.banner-mode=off", "--logging.level.root=WARN");
    int port = ((ServletWebServerApplicationContext) ctx).getWebServer().getPort();
    int i = 0;
    for (String a : args) {
      String[] p = a.split(":");
      HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/ask?mode=" + p[0]).toURL().openConnection();
      if (!p[1].equals("-")) c.setRequestProperty("X-Role", p[1]);
      System.out.println("#" + (++i) + " " + new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    System.out.flush();
    System.exit(SpringApplication.exit(ctx));
  }
}
