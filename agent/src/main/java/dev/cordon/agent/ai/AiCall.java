package dev.cordon.agent.ai;

import dev.cordon.agent.audit.AuditEvent;
import dev.cordon.agent.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One governed AI call that was let through: its audit entry is prepared at decision time and
 * written once, when the response has been read (so it carries the provider's token usage), when
 * the call fails, or at shutdown for a response nobody finished reading.
 */
public final class AiCall {
  private final AuditLog log;
  private final AuditEvent event;
  private final AtomicBoolean written = new AtomicBoolean();
  private final boolean streaming;

  AiCall(AuditLog log, AuditEvent event, boolean streaming) {
    this.log = log;
    this.event = event;
    this.streaming = streaming;
    PendingCalls.add(this);
  }

  public boolean streaming() {
    return streaming;
  }

  public void completed(int status, Usage usage) {
    if (!written.compareAndSet(false, true)) return;
    PendingCalls.remove(this);
    if (status > 0) event.put("status", status);
    if (usage != null && usage.known()) {
      Map<String, Long> u = new LinkedHashMap<>();
      u.put("input_tokens", Math.max(usage.inputTokens(), 0));
      u.put("output_tokens", Math.max(usage.outputTokens(), 0));
      event.putObject("usage", u);
    }
    log.append(event);
  }

  public void failed(Throwable error) {
    if (!written.compareAndSet(false, true)) return;
    PendingCalls.remove(this);
    event.put("error", error.getClass().getName());
    log.append(event);
  }

  /** Shutdown: the response was never read to the end. */
  void abandoned() {
    if (!written.compareAndSet(false, true)) return;
    event.put("error", "response not read to the end before exit");
    log.append(event);
  }
}
