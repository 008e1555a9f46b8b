package dev.cordon.agent.ai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the members Cordon decides on from a provider's JSON request body with a streaming parser
 * (no tree, no data binding: the body can be megabytes of prompt), and writes the one rewrite the
 * decision may need before redaction exists: setting an output cap on a request that has none.
 * The OpenAI chat, Responses and embeddings formats and Anthropic's messages format share these
 * member names.
 */
public final class JsonWire {
  private JsonWire() {}

  private static final JsonFactory JSON = JsonFactory.builder().build();
  // The member names below are what RequestSkim reads or gives up on too: one list each, so that
  // the skim and the parser never disagree about which members matter.
  static final String[] CAP_FIELDS = {"max_completion_tokens", "max_tokens", "max_output_tokens", "max_gen_len"};
  static final String[] CAP_PARENTS = {"generationConfig", "inferenceConfig", "textGenerationConfig", "options"};
  /** Members whose raw JSON the prompt's digest ({@code prompt_sha256}) covers, in order of appearance. */
  static final String[] PROMPT_MEMBERS = {"messages", "input", "system", "prompt", "contents", "systemInstruction",
      "inputText"};
  /** Members declaring tools (read inside by {@link #readTools} and {@link #readToolConfig}). */
  static final String TOOLS = "tools";
  static final String TOOL_CONFIG = "toolConfig";
  private static final String[] NESTED_CAP_FIELDS = {"maxOutputTokens", "maxTokens", "maxTokenCount", "num_predict"};

  public static WireRequest parseRequest(byte[] body) throws IOException {
    MessageDigest promptDigest = PROMPT_DIGEST.get();
    promptDigest.reset(); // a parse that failed half-way may have left bytes in it
    WireRequest plain = RequestSkim.read(body, promptDigest);
    return plain != null ? plain : parseWithParser(body);
  }

  /** {@link #parseRequest} by the streaming parser alone: any body it reads; tests hold the skim to it. */
  static WireRequest parseWithParser(byte[] body) throws IOException {
    String model = null;
    long cap = -1;
    String capField = null;
    List<String> tools = new ArrayList<>();
    boolean stream = false;
    MessageDigest promptDigest = PROMPT_DIGEST.get();
    promptDigest.reset(); // a parse (or skim) that stopped half-way may have left bytes in it
    boolean sawPrompt = false;
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("request body is not a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          // A container where a scalar belongs is skipped whole: left open, its members would be
          // read as top-level ones and the members after it never.
          case "model" -> {
            if (value == JsonToken.VALUE_STRING) model = p.getText();
            else p.skipChildren();
          }
          case "stream" -> {
            stream = value == JsonToken.VALUE_TRUE;
            p.skipChildren();
          }
          case TOOLS -> readTools(p, value, tools);
          case TOOL_CONFIG -> readToolConfig(p, value, tools);
          default -> {
            if (oneOf(PROMPT_MEMBERS, name)) {
              int start = (int) p.currentTokenLocation().getByteOffset();
              p.skipChildren();
              // A string prompt ("input": "...", "prompt": "...") is read lazily: without finishing
              // the token the parser stands just past its opening quote, and the hash would cover
              // that quote alone, the same for every string prompt.
              p.finishToken();
              int end = (int) p.currentLocation().getByteOffset();
              if (start >= 0 && end > start) {
                promptDigest.update(body, start, end - start);
                sawPrompt = true;
              }
            } else if (value == JsonToken.START_OBJECT && oneOf(CAP_PARENTS, name)) {
              // Gemini generationConfig.maxOutputTokens, Bedrock inferenceConfig.maxTokens,
              // Titan textGenerationConfig.maxTokenCount, Ollama options.num_predict.
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String inner = p.currentName();
                JsonToken v = p.nextToken();
                if (oneOf(NESTED_CAP_FIELDS, inner) && v.isNumeric() && capField == null) {
                  cap = p.getLongValue();
                  capField = name + "." + inner;
                } else {
                  p.skipChildren();
                }
              }
            } else if (oneOf(CAP_FIELDS, name) && value.isNumeric() && capField == null) {
              cap = p.getLongValue();
              capField = name;
            } else {
              p.skipChildren();
            }
          }
        }
      }
    }
    String promptSha = sawPrompt ? HexFormat.of().formatHex(promptDigest.digest()) : null;
    return new WireRequest(model, cap, capField, List.copyOf(tools), stream, promptSha);
  }

  /** Adds {@code "field": cap} as the first member of the body's top-level object. */
  public static byte[] withCap(byte[] body, String field, long cap) {
    return withMember(body, "\"" + field + "\":" + cap);
  }

  /** Adds one member (its JSON text, {@code "name":value}) first in the body's top-level object. */
  static byte[] withMember(byte[] body, String memberJson) {
    int i = 0;
    while (i < body.length && Character.isWhitespace(body[i])) i++;
    if (i >= body.length || body[i] != '{') throw new IllegalArgumentException("body is not a JSON object");
    int j = i + 1;
    while (j < body.length && Character.isWhitespace(body[j])) j++;
    boolean empty = j < body.length && body[j] == '}';
    byte[] member = (memberJson + (empty ? "" : ",")).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[body.length + member.length];
    System.arraycopy(body, 0, out, 0, i + 1);
    System.arraycopy(member, 0, out, i + 1, member.length);
    System.arraycopy(body, i + 1, out, i + 1 + member.length, body.length - i - 1);
    return out;
  }

  private static boolean oneOf(String[] names, String name) {
    for (String f : names) if (f.equals(name)) return true;
    return false;
  }

  /**
   * Sets {@code parent.field = cap}: inside the top-level {@code parent} object when the body has
   * one (Gemini's generationConfig, Bedrock's inferenceConfig, Ollama's options), else as a new
   * {@code "parent": {"field": cap}} member.
   */
  public static byte[] withNestedCap(byte[] body, String parent, String field, long cap) throws IOException {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("request body is not a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals(parent) && value == JsonToken.START_OBJECT) {
          return insertMember(body, (int) p.currentTokenLocation().getByteOffset(), "\"" + field + "\":" + cap);
        }
        p.skipChildren();
      }
    }
    return insertMember(body, objectStart(body), "\"" + parent + "\":{\"" + field + "\":" + cap + "}");
  }

  private static int objectStart(byte[] body) {
    int i = 0;
    while (i < body.length && Character.isWhitespace(body[i])) i++;
    if (i >= body.length || body[i] != '{') throw new IllegalArgumentException("body is not a JSON object");
    return i;
  }

  /** Inserts {@code member} as the first member of the object whose '{' is at {@code brace}. */
  private static byte[] insertMember(byte[] body, int brace, String member) {
    int j = brace + 1;
    while (j < body.length && Character.isWhitespace(body[j])) j++;
    boolean empty = j < body.length && body[j] == '}';
    byte[] m = (member + (empty ? "" : ",")).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[body.length + m.length];
    System.arraycopy(body, 0, out, 0, brace + 1);
    System.arraycopy(m, 0, out, brace + 1, m.length);
    System.arraycopy(body, brace + 1, out, brace + 1 + m.length, body.length - brace - 1);
    return out;
  }

  /** Bedrock Converse: {@code toolConfig: {tools: [{toolSpec: {name}}]}}. */
  private static void readToolConfig(JsonParser p, JsonToken value, List<String> tools) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      if ("tools".equals(f)) readTools(p, v, tools);
      else p.skipChildren();
    }
  }

  /**
   * Chat: {type:function, function:{name}}; Responses and Anthropic: {name}; built-in tools: {type};
   * Gemini: {functionDeclarations:[{name}...]} or a built-in's key ({googleSearch:{}}); Bedrock: {toolSpec:{name}}.
   */
  private static void readTools(JsonParser p, JsonToken value, List<String> tools) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    JsonToken item;
    while ((item = p.nextToken()) != JsonToken.END_ARRAY && item != null) {
      if (item != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      String type = null;
      String name = null;
      String fnName = null;
      String builtIn = null;
      boolean declarations = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if ("type".equals(field) && v == JsonToken.VALUE_STRING) type = p.getText();
        else if ("name".equals(field) && v == JsonToken.VALUE_STRING) name = p.getText();
        else if (("function".equals(field) || "toolSpec".equals(field)) && v == JsonToken.START_OBJECT) {
          fnName = nameIn(p);
        } else if ("functionDeclarations".equals(field) && v == JsonToken.START_ARRAY) {
          declarations = true;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            String n = nameIn(p);
            if (n != null) tools.add(n);
          }
        } else {
          if (v == JsonToken.START_OBJECT && builtIn == null) builtIn = field;
          p.skipChildren();
        }
      }
      String tool = fnName != null ? fnName : name != null ? name : type != null ? type : declarations ? null : builtIn;
      if (tool != null) tools.add(tool);
    }
  }

  /** The {@code name} member of the object the parser has just entered; leaves the parser at its end. */
  private static String nameIn(JsonParser p) throws IOException {
    String n = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken fv = p.nextToken();
      if ("name".equals(f) && fv == JsonToken.VALUE_STRING) n = p.getText();
      else p.skipChildren();
    }
    return n;
  }

  /**
   * The prompt digest, one per thread and reused: a request is parsed on one thread start to end,
   * and even cloning a prototype per call cost about 2 µs of the governed call.
   */
  private static final ThreadLocal<MessageDigest> PROMPT_DIGEST = ThreadLocal.withInitial(JsonWire::sha256);

  /** Cloning a prototype skips the provider lookup of {@code getInstance} (about 1.5 µs per call). */
  private static final MessageDigest SHA256_PROTOTYPE = newSha256();

  static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA256_PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
