package com.acme.support.raw;

import com.acme.shared.JdkRawHttp;
import com.acme.shared.OkHttpRawHttp;
import com.acme.shared.RawHttp;
import java.util.Arrays;

/**
 * Times sequential requests through one raw client: {@code LatencyMain jdk|okhttp ai|plain WARMUP N}.
 * "ai" is an allowed chat completion (governed), "plain" a GET of the model list (not AI traffic).
 * Prints {@code p50_us=.. p90_us=.. mean_us=..} for the measured requests.
 */
public final class LatencyMain {
  public static void main(String[] args) throws Exception {
    RawHttp http = args[0].equals("okhttp") ? new OkHttpRawHttp() : new JdkRawHttp();
    boolean ai = args[1].equals("ai");
    int warmup = Integer.parseInt(args[2]);
    int n = Integer.parseInt(args[3]);
    String base = System.getProperty("fake.url");
    String body = "{\"model\":\"gpt-4o-mini\",\"max_completion_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Where is my order 1234?\"}]}";
    String[] headers = {"Authorization", "Bearer sk-app-own-key", "Content-Type", "application/json"};
    long[] t = new long[n];
    for (int i = -warmup; i < n; i++) {
      long start = System.nanoTime();
      RawHttp.Answer a = ai ? http.post(base + "/chat/completions", body, headers) : http.get(base + "/models", headers);
      long took = System.nanoTime() - start;
      if (a.status() != 200) throw new IllegalStateException("status " + a.status() + ": " + a.body());
      if (i >= 0) t[i] = took;
    }
    Arrays.sort(t);
    double mean = Arrays.stream(t).average().orElse(0) / 1000.0;
    System.out.printf("p50_us=%.1f p90_us=%.1f mean_us=%.1f%n", t[n / 2] / 1000.0, t[n * 9 / 10] / 1000.0, mean);
    System.exit(0);
  }
}
