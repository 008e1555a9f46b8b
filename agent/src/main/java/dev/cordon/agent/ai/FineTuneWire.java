package dev.cordon.agent.ai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The epochs a fine-tuning job asks for (OpenAI {@code POST /fine_tuning/jobs}), read from
 * {@code hyperparameters.n_epochs} or {@code method.<type>.hyperparameters.n_epochs}: a number,
 * {@code "auto"}, or absent (the provider then picks, which may be more than a limit allows).
 */
public final class FineTuneWire {
  private FineTuneWire() {}

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** No n_epochs anywhere. */
  public static final long ABSENT = -1;
  /** {@code "auto"} (or any non-number). */
  public static final long AUTO = -2;

  /** What the job sets, and whether it carries hyper-parameters at all (so the limit can be added). */
  public record Epochs(long value, boolean hasHyperparameters) {}

  public static Epochs read(byte[] body) throws IOException {
    long value = ABSENT;
    boolean hyper = false;
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return new Epochs(ABSENT, false);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if ((name.equals("hyperparameters") || name.equals("method")) && v == JsonToken.START_OBJECT) {
          hyper = true;
          long found = search(p);
          if (found != ABSENT) value = found;
        } else {
          p.skipChildren();
        }
      }
    }
    return new Epochs(value, hyper);
  }

  /** Searches the current object (START_OBJECT consumed) for an {@code n_epochs} member at any depth. */
  private static long search(JsonParser p) throws IOException {
    long found = ABSENT;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("n_epochs")) {
        found = v.isNumeric() ? p.getLongValue() : AUTO;
        p.skipChildren();
      } else if (v == JsonToken.START_OBJECT) {
        long inner = search(p);
        if (inner != ABSENT) found = inner;
      } else {
        p.skipChildren();
      }
    }
    return found;
  }

  /** The provider file ids a job trains or validates on ({@code training_file}, {@code validation_file}). */
  public static java.util.List<String> files(byte[] body) throws IOException {
    java.util.List<String> ids = new java.util.ArrayList<>(2);
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return ids;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if ((name.equals("training_file") || name.equals("validation_file")) && v == JsonToken.VALUE_STRING) {
          ids.add(p.getText());
        } else {
          p.skipChildren();
        }
      }
    }
    return ids;
  }

  /** Adds {@code "hyperparameters":{"n_epochs":N}} to a job that sets no hyper-parameters at all. */
  public static byte[] withEpochs(byte[] body, long epochs) {
    return JsonWire.withMember(body, "\"hyperparameters\":{\"n_epochs\":" + epochs + "}");
  }

  static String describe(long value) {
    return value == AUTO ? "\"auto\"" : value == ABSENT ? "no n_epochs" : Long.toString(value);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
