package dev.cordon.examples.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * POST /v1/chat/completions. Every body is a copy of a recorded real response (see the README
 * beside the templates) with only ids, timestamps, model, content, tool calls and usage changed.
 */
final class ChatCompletions {
    private static final ObjectNode COMPLETION = Json.objectResource("chat-completion.json");
    private static final ObjectNode TOOL_COMPLETION = Json.objectResource("chat-completion-tool-calls.json");
    private static final List<ObjectNode> STREAM = Json.sseResource("chat-stream-include-usage.sse");
    private static final List<ObjectNode> TOOL_STREAM = Json.sseResource("chat-stream-tool-calls.sse");

    // Prototype stream choices, picked out of the recordings by what they carry.
    private static final ObjectNode ROLE_CHOICE = choice(STREAM, c -> c.at("/delta/role").isTextual());
    private static final ObjectNode CONTENT_CHOICE = choice(STREAM, c -> c.at("/delta/content").asText().length() > 0);
    private static final ObjectNode FINISH_CHOICE = choice(STREAM, c -> c.path("finish_reason").isTextual());
    private static final ObjectNode USAGE_CHUNK = chunk(STREAM, c -> c.path("usage").isObject());
    private static final ObjectNode TOOL_ROLE_CHOICE = choice(TOOL_STREAM, c -> c.at("/delta/role").isTextual());
    private static final ObjectNode TOOL_START_CHOICE = choice(TOOL_STREAM, c -> c.at("/delta/tool_calls/0/id").isTextual());
    private static final ObjectNode TOOL_ARGS_CHOICE = choice(TOOL_STREAM,
            c -> c.at("/delta/tool_calls/0").isObject() && !c.at("/delta/tool_calls/0/id").isTextual());
    private static final int ARGUMENT_SLICE = 5; // the recording streams arguments ~5 characters at a time
    private static final int MAX_CHOICES = 8;

    /** When > 0, streamed content comes in pieces of this many characters instead of words. */
    volatile int contentSlice;

    Reply handle(ObjectNode request) {
        String model = Endpoints.requireModel(request);
        JsonNode messages = request.get("messages");
        if (messages == null || !messages.isArray()) {
            throw ApiError.missing("messages");
        }
        String userText = Json.lastUserText(messages);
        Optional<Answers.ToolCall> toolCall = Answers.toolCall(request.get("tools"), userText);
        String text = Answers.echo(userText);
        int n = Math.max(1, Math.min(MAX_CHOICES, request.path("n").asInt(1)));

        int promptTokens = Tokens.count(Json.allTexts(messages)) + Tokens.PER_MESSAGE * messages.size() + Tokens.PER_REPLY;
        int perChoice = toolCall.map(t -> Tokens.count(t.name()) + Tokens.count(t.arguments()))
                .orElse(Tokens.count(text));
        ObjectNode usage = usage(promptTokens, perChoice * n);

        String id = Ids.of("chatcmpl-", 29);
        if (request.path("stream").asBoolean(false)) {
            boolean includeUsage = request.at("/stream_options/include_usage").asBoolean(false);
            Stream s = new Stream(id, model, includeUsage, contentSlice);
            return new Reply.EventStream(toolCall.isPresent()
                    ? s.toolFrames(toolCall.get(), n, usage) : s.textFrames(text, n, usage));
        }
        ObjectNode body = (toolCall.isPresent() ? TOOL_COMPLETION : COMPLETION).deepCopy();
        body.put("id", id);
        body.put("created", Ids.nowSeconds());
        body.put("model", model);
        ArrayNode choices = Json.array();
        for (int i = 0; i < n; i++) {
            ObjectNode choice = (ObjectNode) body.at("/choices/0").deepCopy();
            choice.put("index", i);
            ObjectNode message = (ObjectNode) choice.get("message");
            if (toolCall.isPresent()) {
                ArrayNode calls = Json.array();
                calls.add(toolCallJson((ObjectNode) message.at("/tool_calls/0"), toolCall.get()));
                message.set("tool_calls", calls);
            } else {
                message.put("content", text);
            }
            choices.add(choice);
        }
        body.set("choices", choices);
        body.set("usage", usage);
        return Reply.ok(body);
    }

    private static ObjectNode toolCallJson(ObjectNode prototype, Answers.ToolCall call) {
        ObjectNode json = prototype.deepCopy();
        json.put("id", Ids.of("call_", 24));
        ObjectNode fn = (ObjectNode) json.get("function");
        fn.put("name", call.name());
        fn.put("arguments", call.arguments());
        return json;
    }

    private static ObjectNode usage(int prompt, int completion) {
        ObjectNode usage = (ObjectNode) COMPLETION.get("usage").deepCopy();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        return usage;
    }

    /** Builds the chunks of one streamed answer, in the order the recordings show. */
    private static final class Stream {
        private final String id;
        private final String model;
        private final boolean includeUsage;
        private final long created = Ids.nowSeconds();
        private final int slice;

        Stream(String id, String model, boolean includeUsage, int slice) {
            this.slice = slice;
            this.id = id;
            this.model = model;
            this.includeUsage = includeUsage;
        }

        // Per the recordings: all content chunks of choice 0, then of choice 1, ..., then one finish
        // chunk per choice, then (include_usage) a chunk with no choices and the usage, then [DONE].
        List<String> textFrames(String text, int n, ObjectNode usage) {
            List<String> frames = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                frames.add(frame(withIndex(ROLE_CHOICE, i)));
                for (String piece : slice > 0 ? Answers.slices(text, slice) : Answers.words(text)) {
                    ObjectNode c = withIndex(CONTENT_CHOICE, i);
                    ((ObjectNode) c.get("delta")).put("content", piece);
                    frames.add(frame(c));
                }
            }
            return finish(frames, n, "stop", usage);
        }

        List<String> toolFrames(Answers.ToolCall call, int n, ObjectNode usage) {
            List<String> frames = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                frames.add(frame(withIndex(TOOL_ROLE_CHOICE, i)));
                ObjectNode start = withIndex(TOOL_START_CHOICE, i);
                ObjectNode startCall = (ObjectNode) start.at("/delta/tool_calls/0");
                startCall.put("id", Ids.of("call_", 24));
                ((ObjectNode) startCall.get("function")).put("name", call.name());
                frames.add(frame(start));
                for (String piece : Answers.slices(call.arguments(), ARGUMENT_SLICE)) {
                    ObjectNode c = withIndex(TOOL_ARGS_CHOICE, i);
                    ((ObjectNode) c.at("/delta/tool_calls/0/function")).put("arguments", piece);
                    frames.add(frame(c));
                }
            }
            return finish(frames, n, "tool_calls", usage);
        }

        private List<String> finish(List<String> frames, int n, String reason, ObjectNode usage) {
            for (int i = 0; i < n; i++) {
                ObjectNode c = withIndex(FINISH_CHOICE, i);
                c.put("finish_reason", reason);
                frames.add(frame(c));
            }
            if (includeUsage) {
                ObjectNode last = header(USAGE_CHUNK);
                last.set("usage", usage);
                frames.add(Reply.data(last));
            }
            frames.add(Reply.DONE);
            return frames;
        }

        private String frame(ObjectNode choice) {
            ObjectNode chunk = header(STREAM.get(0));
            ArrayNode choices = Json.array();
            choices.add(choice);
            chunk.set("choices", choices);
            if (includeUsage) {
                chunk.putNull("usage"); // as recorded: every chunk carries "usage":null
            } else {
                chunk.remove("usage"); // as recorded without include_usage: no usage key at all
            }
            return Reply.data(chunk);
        }

        private ObjectNode header(ObjectNode template) {
            ObjectNode chunk = template.deepCopy();
            chunk.put("id", id);
            chunk.put("created", created);
            chunk.put("model", model);
            return chunk;
        }
    }

    private static ObjectNode withIndex(ObjectNode prototype, int index) {
        ObjectNode c = prototype.deepCopy();
        c.put("index", index);
        if (c.at("/delta/tool_calls/0").isObject()) {
            ((ObjectNode) c.at("/delta/tool_calls/0")).put("index", 0);
        }
        return c;
    }

    private static ObjectNode chunk(List<ObjectNode> chunks, Predicate<ObjectNode> test) {
        return chunks.stream().filter(test).findFirst()
                .orElseThrow(() -> new IllegalStateException("template chunk not found"));
    }

    private static ObjectNode choice(List<ObjectNode> chunks, Predicate<ObjectNode> test) {
        for (ObjectNode chunk : chunks) {
            JsonNode c = chunk.at("/choices/0");
            if (c.isObject() && test.test((ObjectNode) c)) {
                return (ObjectNode) c;
            }
        }
        throw new IllegalStateException("template choice not found");
    }
}
