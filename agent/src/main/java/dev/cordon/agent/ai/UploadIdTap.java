package dev.cordon.agent.ai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Passes an upload's response through unchanged while keeping a bounded copy, and hands the
 * top-level {@code "id"} of the provider's file object to a callback when the body ends or is
 * closed. An error body, or one too large to be a file object, yields nothing.
 */
final class UploadIdTap extends ObservedStream {
  private static final int MAX_BODY = 1 << 20;
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final ByteArrayOutputStream copy = new ByteArrayOutputStream(512);
  private final Consumer<String> onId;
  private final boolean success;

  UploadIdTap(InputStream in, int status, Consumer<String> onId) {
    super(in);
    this.onId = onId;
    this.success = status <= 0 || (status >= 200 && status < 300);
  }

  @Override
  protected void seen(byte[] b, int off, int n) {
    if (copy.size() + n <= MAX_BODY) copy.write(b, off, n);
  }

  @Override
  protected void ended() {
    if (!success || copy.size() >= MAX_BODY) return;
    String id = topLevelId(copy.toByteArray());
    if (id != null) onId.accept(id);
  }

  static String topLevelId(byte[] body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if ("id".equals(name) && v == JsonToken.VALUE_STRING) return p.getText();
        p.skipChildren();
      }
    } catch (IOException | RuntimeException notJson) {
      // Not a file object: nothing to link.
    }
    return null;
  }
}
