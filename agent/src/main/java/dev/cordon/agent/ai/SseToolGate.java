package dev.cordon.agent.ai;

import dev.cordon.CordonAccessDeniedException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Holds a server-sent-event stream back by at most one line so that every complete line is checked
 * before the application gets it: a {@code data:} line in which the model starts a call to a tool
 * outside {@code limits.tools} (OpenAI chat {@code delta.tool_calls[].function.name}, Responses
 * {@code output_item.added} of a {@code function_call}, Anthropic {@code content_block_start} of a
 * {@code tool_use}) stops the stream there, before the application has seen the tool's name.
 * Streaming stays streaming: events end with a newline, so nothing waits for more than its own event.
 */
public final class SseToolGate implements dev.cordon.agent.redact.OutputFilter {
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] NAME = {'"', 'n', 'a', 'm', 'e', '"'};

  private final AiCall call;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private CordonAccessDeniedException denied;

  public SseToolGate(AiCall call) {
    this.call = call;
  }

  /** Takes the next bytes; returns those now safe to hand on, or throws the deny (enforce). */
  public synchronized byte[] accept(byte[] b, int off, int len) {
    if (denied != null) throw denied;
    int lastNewline = -1;
    for (int i = off + len - 1; i >= off; i--) {
      if (b[i] == '\n') {
        lastNewline = i;
        break;
      }
    }
    if (lastNewline < 0) {
      partial.write(b, off, len);
      return EMPTY;
    }
    partial.write(b, off, lastNewline - off + 1);
    byte[] lines = partial.toByteArray();
    partial.reset();
    partial.write(b, lastNewline + 1, off + len - lastNewline - 1);
    check(lines);
    return lines;
  }

  /** The stream ended: the last, unterminated line (usually none), checked. */
  public synchronized byte[] finish() {
    if (denied != null) throw denied;
    byte[] rest = partial.toByteArray();
    partial.reset();
    check(rest);
    return rest;
  }

  private void check(byte[] lines) {
    int start = 0;
    for (int i = 0; i <= lines.length; i++) {
      if (i == lines.length || lines[i] == '\n') {
        checkLine(lines, start, i);
        start = i + 1;
      }
    }
  }

  private void checkLine(byte[] b, int start, int end) {
    if (end - start < 6 || b[start] != 'd' || b[start + 1] != 'a' || b[start + 2] != 't' || b[start + 3] != 'a'
        || b[start + 4] != ':' || !Bytes.contains(b, start + 5, end, NAME)) {
      return;
    }
    CordonAccessDeniedException deny = call.checkToolCalls(Arrays.copyOfRange(b, start + 5, end));
    if (deny != null) {
      denied = deny;
      throw deny;
    }
  }


  /** As an {@link dev.cordon.agent.redact.OutputFilter}, so a pulled stream can be read through it. */
  @Override
  public byte[] pass(byte[] b, int off, int len) {
    return accept(b, off, len);
  }

  @Override
  public byte[] end() {
    return finish();
  }
}
