package dev.cordon.agent.ai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tools a model asks to call in a (non-streamed) JSON response, in every provider's shape:
 * OpenAI chat {@code choices[].message.tool_calls[].function.name} (and the legacy
 * {@code function_call.name}), Responses {@code output[]} items of type {@code function_call},
 * Anthropic {@code content[]} items of type {@code tool_use}, Gemini {@code parts[].functionCall.name}.
 * A {@code tools} member (the Responses API echoes the declared tools) is skipped: declaring is not
 * calling, and declarations were checked on the request.
 */
public final class ToolCalls {
  private ToolCalls() {}

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** The called tool names, in order; a body that is not JSON yields an IOException. */
  public static List<String> find(byte[] json) throws IOException {
    List<String> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(json)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT) object(p, out);
      else if (t == JsonToken.START_ARRAY) array(p, out);
    }
    return out;
  }

  /** The first called tool not in {@code allowed}, or null. */
  public static String firstOutside(byte[] json, java.util.Set<String> allowed) throws IOException {
    for (String name : find(json)) if (!allowed.contains(name)) return name;
    return null;
  }

  private static void array(JsonParser p, List<String> out) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t == JsonToken.START_OBJECT) object(p, out);
      else if (t == JsonToken.START_ARRAY) array(p, out);
    }
  }

  /** Reads one object (its START_OBJECT consumed); adds the tool it calls, if it is a call. */
  private static void object(JsonParser p, List<String> out) throws IOException {
    String type = null;
    String name = null;
    String nestedName = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_OBJECT) {
        if (field.equals("function") || field.equals("function_call") || field.equals("functionCall")) {
          String n = nameOf(p);
          if (field.equals("function")) nestedName = n;
          else if (n != null) out.add(n);
        } else {
          object(p, out);
        }
      } else if (v == JsonToken.START_ARRAY) {
        if (field.equals("tools")) p.skipChildren();
        else array(p, out);
      } else if (v == JsonToken.VALUE_STRING) {
        if (field.equals("type")) type = p.getText();
        else if (field.equals("name")) name = p.getText();
      }
    }
    if (type == null) return;
    switch (type) {
      case "function" -> { if (nestedName != null) out.add(nestedName); }
      case "function_call", "tool_use", "custom_tool_call" -> { if (name != null) out.add(name); }
      default -> { }
    }
  }

  /** The {@code name} member of an object (START_OBJECT consumed), skipping the rest. */
  private static String nameOf(JsonParser p) throws IOException {
    String name = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (field.equals("name") && v == JsonToken.VALUE_STRING) name = p.getText();
      else p.skipChildren();
    }
    return name;
  }
}
