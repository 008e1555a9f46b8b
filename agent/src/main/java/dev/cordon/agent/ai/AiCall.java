package dev.cordon.agent.ai;

import dev.cordon.agent.audit.AuditEvent;
import dev.cordon.agent.audit.AuditLog;
import dev.cordon.agent.redact.CallRedaction;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import dev.cordon.CordonAccessDeniedException;
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
  private final AtomicBoolean outputFaulted = new AtomicBoolean();
  private final boolean streaming;
  private final CallRedaction redaction;
  private final Map<String, Long> promptRedactions;
  private final ToolLimit tools;
  /** For an upload read from declared datasets: those datasets, linked to the file id it gets. */
  private volatile Set<String> uploadSources;

  /**
   * The allowing rules' {@code limits.tools}, to check the model's tool calls in the response
   * against (issue 3: "blocked before the application can execute it").
   */
  record ToolLimit(Set<String> allowed, boolean enforce, String principal, String action, String resource, String rule) {}

  AiCall(AuditLog log, AuditEvent event, boolean streaming) {
    this(log, event, streaming, null, Map.of(), null);
  }

  AiCall(AuditLog log, AuditEvent event, boolean streaming, CallRedaction redaction, Map<String, Long> promptRedactions,
      ToolLimit tools) {
    this.log = log;
    this.event = event;
    this.streaming = streaming;
    this.redaction = redaction;
    this.promptRedactions = promptRedactions;
    this.tools = tools;
    PendingCalls.add(this);
  }

  /**
   * The response body as the application must read it: output redaction and pseudonym restoring
   * applied (when the rule asks for them), and token usage read on the way, completing this call
   * when the body has been read to the end or closed. Every client adapter wraps its response
   * body with this.
   */
  public InputStream responseBody(InputStream raw, int status) {
    InputStream body = redaction != null && redaction.active() ? redaction.wrap(raw, streaming) : raw;
    Set<String> sources = uploadSources;
    if (sources != null) body = new UploadIdTap(body, status, id -> UploadProvenance.uploaded(id, sources));
    return new UsageTap(body, streaming, u -> completed(status, u));
  }

  void uploadedFrom(Set<String> datasets) {
    this.uploadSources = datasets;
  }

  /**
   * Output redaction for a raw transport that pushes the response's bytes, or null when the rule
   * asks for none or the body cannot hold model text (a non-JSON, non-event-stream body: binary,
   * HTML, plain text). A body with a Content-Encoding (the application asked for gzip itself) cannot
   * be read: enforce refuses it (the read fails, audited as {@code agent.error}); monitor lets it
   * through uncounted and says so in the call's entry.
   */
  public OutputRewrite outputRewrite(boolean sse, String contentType, String contentEncoding) {
    if (redaction == null || !redaction.active()) return null;
    String type = contentType == null ? null : contentType.toLowerCase(java.util.Locale.ROOT);
    if (!sse && type != null && !type.contains("json")) return null;
    if (sse && type != null && !type.contains("event-stream")) {
      // A stream in another framing (Gemini's JSON array, Ollama's NDJSON, AWS event stream): no
      // event parser for it here; it passes as it came, and the entry says so.
      noteUnread("content-type " + type);
      return null;
    }
    if (contentEncoding != null && !contentEncoding.isBlank() && !contentEncoding.trim().equalsIgnoreCase("identity")) {
      String why = "Cordon: output redaction cannot read a response with Content-Encoding '" + contentEncoding.trim()
          + "'; let the HTTP client negotiate the encoding (do not set Accept-Encoding yourself)";
      if (!redaction.enforce()) {
        noteUnread("content-encoding " + contentEncoding.trim());
        return null;
      }
      outputFault(new java.io.IOException(why), true);
      return new OutputRewrite(this, null, true, why);
    }
    return new OutputRewrite(this, redaction.filter(sse), redaction.enforce(), null);
  }

  /** Whether the application may get other response bytes than the provider sent (enforced output redaction). */
  public boolean rewritesOutput() {
    return redaction != null && redaction.active() && redaction.enforce();
  }

  /** Whether the response is looked at for output redaction at all (enforce or monitor). */
  public boolean countsOutput() {
    return redaction != null && redaction.active();
  }

  /** Why the output was not looked at, once (HttpURLConnection asks again from getHeaderField, perhaps after the entry is written). */
  private void noteUnread(String why) {
    synchronized (event) {
      if (!written.get() && event.get("output_unread") == null) event.put("output_unread", why);
    }
  }

  /** A fault while redacting this call's output: audited once as agent.error (the mode decides what follows). */
  void outputFault(Throwable t, boolean closed) {
    if (!outputFaulted.compareAndSet(false, true)) return;
    log.append(AuditEvent.of("agent.error").put("where", "ai.output-redaction").put("error", AiGovernor.describe(t))
        .put("outcome", closed ? "blocked" : "allowed"));
    dev.cordon.agent.log.Log.get().warn("internal error in output redaction ({}): failing {}", AiGovernor.describe(t),
        closed ? "closed" : "open");
  }

  /** Output redaction counts join the prompt's in the audit entry, and may change its outcome. */
  private void addOutputRedactions() {
    if (redaction == null) return;
    Map<String, Long> out = redaction.counts().toMap();
    if (out.isEmpty()) return;
    Map<String, Long> total = new LinkedHashMap<>(promptRedactions);
    out.forEach((k, v) -> total.merge(k, v, Long::sum));
    event.putObject("redactions", total);
    event.putObject("output_redactions", out);
    if ("allowed".equals(event.get("outcome"))) event.put("outcome", redaction.enforce() ? "redacted" : "would_redact");
  }

  public boolean streaming() {
    return streaming;
  }

  /** Whether the response must be read whole and checked before the application sees it. */
  public boolean checksToolCalls() {
    return tools != null && !streaming;
  }

  /** Whether the allowing rules limit tools: a streamed response then goes through a {@link SseToolGate}. */
  public boolean limitsTools() {
    return tools != null;
  }

  /**
   * Checks the tool calls of a complete JSON response. When the model asks for a tool outside
   * {@code limits.tools} the audit entry becomes a deny ({@code blocked}, or {@code would_block} in
   * monitor) naming the tool, and in enforce the deny to throw is returned; otherwise null. A body
   * that is not JSON (an error page) calls no tool.
   */
  public CordonAccessDeniedException checkToolCalls(byte[] body) {
    if (tools == null) return null;
    String tool;
    try {
      tool = ToolCalls.firstOutside(body, tools.allowed());
    } catch (java.io.IOException | RuntimeException notJson) {
      return null;
    }
    if (tool == null) return null;
    String reason = "Cordon blocked the response of " + tools.action() + " on " + tools.resource() + " for principal "
        + tools.principal() + " under rule '" + tools.rule() + "': the model asked to call tool '" + tool
        + "', which is not in limits.tools " + tools.allowed() + " (to allow, add '" + tool + "' to limits.tools of rule '"
        + tools.rule() + "')";
    synchronized (event) {
      event.put("decision", "deny").put("outcome", tools.enforce() ? "blocked" : "would_block")
          .put("reason", reason).put("tool", tool);
    }
    return tools.enforce()
        ? new CordonAccessDeniedException(reason, tools.principal(), tools.action(), tools.resource(), tools.rule())
        : null;
  }

  public void completed(int status, Usage usage) {
    if (!written.compareAndSet(false, true)) return;
    PendingCalls.remove(this);
    addOutputRedactions();
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
    addOutputRedactions();
    event.put("error", error.getClass().getName());
    log.append(event);
  }

  /**
   * The request changed after this decision (an interceptor rewrote it, a redirect moved it) and
   * was decided again: the new decision's entry stands for the call, this one is never written.
   */
  public void superseded() {
    if (written.compareAndSet(false, true)) PendingCalls.remove(this);
  }

  /** Shutdown: the response was never read to the end. */
  void abandoned() {
    if (!written.compareAndSet(false, true)) return;
    event.put("error", "response not read to the end before exit");
    log.append(event);
  }
}
