package com.acme.shared;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A library-neutral step runner for the per-library test apps: each argument is one step
 * ({@code kind:arg:arg...}), and each step prints one line: {@code #i OK detail},
 * {@code #i DENIED class: message} (the app caught Cordon's exception itself),
 * {@code #i WRAPPED outer-class <- class: message} (the library wrapped Cordon's exception, spec 5),
 * or {@code #i FAIL class: message}. Built-in steps: {@code wait:PATH}, {@code sleep:MS},
 * {@code repeat:N:STEP} (runs STEP N times, printing one line for all), {@code bench:WARMUP:N:STEP}
 * (latency percentiles of STEP in microseconds).
 */
public abstract class Steps {
  private int step;

  /** Runs one step of this library and returns what to print after OK. */
  protected abstract String step(String[] parts) throws Exception;

  public void run(String[] steps) throws Exception {
    for (String s : steps) runStep(s);
    System.out.flush();
  }

  private void runStep(String s) throws Exception {
    String[] parts = s.split(":");
    switch (parts[0]) {
      case "wait" -> {
        Path p = Path.of(s.substring(5));
        long until = System.currentTimeMillis() + 30_000;
        while (!Files.exists(p) && System.currentTimeMillis() < until) Thread.sleep(20);
        return;
      }
      case "sleep" -> {
        Thread.sleep(Long.parseLong(parts[1]));
        return;
      }
      default -> { }
    }
    int i = ++step;
    try {
      String detail;
      if (parts[0].equals("bench")) {
        detail = bench(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
            s.substring(("bench:" + parts[1] + ":" + parts[2] + ":").length()).split(":"));
      } else if (parts[0].equals("repeat")) {
        int n = Integer.parseInt(parts[1]);
        String[] inner = s.substring(("repeat:" + parts[1] + ":").length()).split(":");
        detail = null;
        for (int k = 0; k < n; k++) detail = step(inner);
        detail = "x" + n + " " + detail;
      } else {
        detail = step(parts);
      }
      System.out.println("#" + i + " OK " + detail);
    } catch (Throwable e) {
      System.out.println("#" + i + " " + describe(e));
    }
  }

  /**
   * {@code bench:WARMUP:N:STEP}: runs STEP WARMUP times, then N times timing each call, and reports
   * the latency percentiles in microseconds ({@code p50=.. p90=.. p99=..}).
   */
  private String bench(int warmup, int n, String[] inner) throws Exception {
    for (int k = 0; k < warmup; k++) step(inner.clone());
    long[] t = new long[n];
    for (int k = 0; k < n; k++) {
      String[] p = inner.clone();
      long start = System.nanoTime();
      step(p);
      t[k] = System.nanoTime() - start;
    }
    java.util.Arrays.sort(t);
    return "bench n=" + n + " p50=" + t[n / 2] / 1000 + " p90=" + t[n * 9 / 10] / 1000 + " p99=" + t[n * 99 / 100] / 1000;
  }

  /** How a failure looks to the app: our exception itself, wrapped by the library, or something else. */
  public static String describe(Throwable e) {
    Throwable t = e;
    while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof SecurityException) return "DENIED " + t.getClass().getName() + ": " + t.getMessage();
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c instanceof SecurityException) {
        return "WRAPPED " + t.getClass().getName() + " <- " + c.getClass().getName() + ": " + c.getMessage();
      }
    }
    return "FAIL " + t.getClass().getName() + ": " + t.getMessage();
  }

  /** The value of {@code key=...} among the step's parts, or {@code dflt}. */
  protected static String opt(String[] parts, String key, String dflt) {
    for (int k = 2; k < parts.length; k++) if (parts[k].startsWith(key + "=")) return parts[k].substring(key.length() + 1);
    return dflt;
  }

  protected static boolean flag(String[] parts, String name) {
    for (int k = 2; k < parts.length; k++) if (parts[k].equals(name)) return true;
    return false;
  }

  /** Runs the named Steps class (from a main in the principal's package, so that it is on the stack). */
  public static void runClass(String className, String[] steps) throws Exception {
    Steps s = (Steps) Class.forName(className).getDeclaredConstructor().newInstance();
    s.run(steps);
  }
}
