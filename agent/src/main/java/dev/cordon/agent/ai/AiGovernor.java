package dev.cordon.agent.ai;

import dev.cordon.CordonAccessDeniedException;
import dev.cordon.agent.audit.AuditEvent;
import dev.cordon.agent.credentials.CredentialFiles;
import dev.cordon.agent.credentials.ScopedKey;
import dev.cordon.agent.principal.Caller;
import dev.cordon.agent.principal.CallerResolver;
import dev.cordon.agent.runtime.AgentRuntime;
import dev.cordon.agent.runtime.PolicyState;
import dev.cordon.agent.redact.CallRedaction;
import dev.cordon.agent.redact.PolicyRedaction;
import dev.cordon.agent.redact.PromptRewriter;
import dev.cordon.policy.Action;
import dev.cordon.policy.AuditConfig;
import dev.cordon.policy.Decision;
import dev.cordon.policy.EndpointDef;
import dev.cordon.policy.Mode;
import dev.cordon.policy.Policy;
import dev.cordon.redact.Operator;
import dev.cordon.redact.Vault;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Decides one AI request, whatever client sent it: endpoint allow-list and TLS (spec 6), the policy
 * decision (spec 5), the rule's limits, then either blocks (enforce), lets it through with an audit
 * entry saying what enforce would have done (monitor), or lets it through, possibly with an output
 * cap added. Everything a client adapter needs is the target and the raw JSON body.
 */
public final class AiGovernor {
  private final AgentRuntime runtime;

  public AiGovernor(AgentRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * What to send: a replacement body (or null to send the original), the call to complete later,
   * the scoped key to put on the request in place of the application's own (or null), and who
   * made the call (for a transport that must decide again later, on another thread).
   */
  public record Result(byte[] body, AiCall call, ScopedKey key, Caller caller) {
    static final Result UNGOVERNED = new Result(null, null, null, null);
  }

  private final CredentialFiles credentials = new CredentialFiles();

  public Result govern(AiTarget target, byte[] body) throws IOException {
    return govern(target, body, null, false);
  }

  /**
   * @param caller who started the call when it was captured on another thread (an asynchronous
   *     transport call), else null to resolve it from the current stack
   * @param bodyUnread the transport could not read the body (a streaming or one-shot body): the
   *     request is decided on its URL and headers alone, and the audit entry says so
   */
  public Result govern(AiTarget target, byte[] body, Caller caller, boolean bodyUnread) throws IOException {
    Action action = target.action();
    if (action == null) return Result.UNGOVERNED;
    PolicyState st = runtime.state();
    if (st == null) throw new IllegalStateException("the policy was not loaded in time");
    // Dataset files this thread read since its last AI call: an upload's sources (UploadProvenance).
    Set<String> readBefore = UploadProvenance.takeReads();
    Set<String> uploadSources = action == Action.MODEL_FILES && "POST".equals(target.method()) && !readBefore.isEmpty()
        ? readBefore : null;
    // A file upload is multipart, not JSON: it is decided on its URL (model.files names no model).
    boolean json = body != null && looksLikeJson(body);
    WireRequest req = json ? JsonWire.parseRequest(body)
        : new WireRequest(null, -1, null, java.util.List.of(), false, null);
    FineTuneWire.Epochs epochs = json && action == Action.MODEL_FINE_TUNE ? FineTuneWire.read(body) : null;
    Set<String> trainedOn = json && action == Action.MODEL_FINE_TUNE ? trainingSources(body) : Set.of();
    req = streamingByPath(req, target.path());
    Policy policy = st.policy();
    if (caller == null) caller = st.callers() != null ? st.callers().resolve() : CallerResolver.anonymous();
    // Gemini and Bedrock name the model in the path (a Gemini embed body may repeat it as "models/x": the path wins).
    String model = target.modelFromPath();
    if (model == null) model = req.model() != null ? req.model() : "unknown";

    String provider = target.provider();
    EndpointDef endpoint = policy == null ? null : policy.endpoint(target.host(), target.port());
    if (endpoint != null && endpoint.provider() != null && !"*".equals(endpoint.provider())) provider = endpoint.provider();

    String resource;
    String rule = null;
    String denial = null;
    Decision decision = null;
    ScopedKey key = null;
    if (policy == null) {
      resource = "model:" + provider + "/" + model;
      denial = "Cordon denied " + action.wireName() + " on " + resource + " for principal " + caller.principal()
          + ": no rule allows (no usable policy is loaded; to allow, fix or add cordon.yaml with an allow rule)";
    } else {
      dev.cordon.policy.ModelRef modelRef = policy.resolveModel(provider, model);
      resource = modelRef.id();
      String endpointProblem = EndpointCheck.problem(policy, endpoint, target);
      decision = policy.decide(caller.principal(), action, modelRef);
      if (endpointProblem != null) {
        denial = "Cordon denied " + action.wireName() + " on " + resource + " for principal " + caller.principal()
            + ": " + endpointProblem;
      } else if (!decision.allowed()) {
        rule = decision.ruleId();
        denial = "Cordon " + decision.explanation();
      } else {
        rule = decision.ruleId();
        String over = LimitCheck.problem(decision, req, action);
        if (over == null && epochs != null) over = LimitCheck.epochsProblem(decision, epochs);
        if (over == null && !trainedOn.isEmpty()) over = unreadableSource(policy, caller.principal(), trainedOn);
        if (over != null) {
          denial = "Cordon denied " + action.wireName() + " on " + resource + " for principal " + caller.principal()
              + " under rule '" + rule + "': " + over;
        } else if (decision.credentialId() != null) {
          // Spec 7: a key that cannot be used (missing, older than max_age) is refused like a denied call.
          try {
            key = credentials.key(policy.credential(decision.credentialId()), provider);
          } catch (CredentialFiles.Refused refused) {
            denial = "Cordon denied " + action.wireName() + " on " + resource + " for principal " + caller.principal()
                + " under rule '" + rule + "': " + refused.getMessage();
          }
        }
      }
    }
    Mode mode = st.effectiveMode(rule);
    AuditEvent event = AuditEvent.of(action.wireName())
        .put("principal", caller.principal());
    if (caller.frame() != null) event.put("caller", caller.frame());
    event.put("resource", resource).put("provider", provider).put("model", model).put("endpoint", target.endpoint());
    if (req.promptSha256() != null && hashPrompts(policy)) event.put("prompt_sha256", req.promptSha256());
    if (bodyUnread) event.put("body", "unread");
    if (uploadSources != null) event.putRaw("source_datasets", jsonArray(uploadSources));
    if (!trainedOn.isEmpty()) event.putRaw("training_datasets", jsonArray(trainedOn));

    if (denial != null) {
      event.put("decision", "deny").put("mode", mode.wireName());
      if (rule != null) event.put("rule", rule); else event.putNull("rule");
      event.put("reason", denial);
      if (mode == Mode.ENFORCE) {
        event.put("outcome", "blocked");
        runtime.audit().append(event);
        throw new CordonAccessDeniedException(denial, caller.principal(), action.wireName(), resource, rule);
      }
      event.put("outcome", "would_block");
      AiCall call = new AiCall(runtime.audit(), event, req.stream());
      call.uploadedFrom(uploadSources);
      return new Result(null, call, null, caller);
    }

    event.put("decision", "allow").put("outcome", "allowed").put("rule", rule).put("mode", mode.wireName());
    if (key != null) event.put("key_id", key.keyId()).put("key_fingerprint", key.fingerprint());
    Redaction red = redact(policy, decision, mode, body, event);
    byte[] rewritten = red.body();
    long cap = decision.limits().maxOutputTokens();
    if (cap >= 0 && req.capField() == null && mode == Mode.ENFORCE && action == Action.MODEL_CHAT && body != null) {
      byte[] withCap = capped(provider, target.path(), rewritten != null ? rewritten : body, cap);
      if (withCap != null) {
        rewritten = withCap;
        event.put("cap_added", cap);
      }
    }
    long maxEpochs = decision.limits().maxEpochs();
    if (epochs != null && epochs.value() >= 0) event.put("n_epochs", epochs.value());
    if (epochs != null && maxEpochs >= 0 && epochs.value() == FineTuneWire.ABSENT && !epochs.hasHyperparameters()
        && mode == Mode.ENFORCE) {
      // Spec 5's rule for output caps, applied to epochs: a job that sets none gets the limit.
      rewritten = FineTuneWire.withEpochs(body, maxEpochs);
      event.put("n_epochs_added", maxEpochs);
    }
    AiCall.ToolLimit tools = decision.limits().tools() == null ? null : new AiCall.ToolLimit(decision.limits().tools(),
        mode == Mode.ENFORCE, caller.principal(), action.wireName(), resource, rule);
    AiCall call = new AiCall(runtime.audit(), event, req.stream(), red.call(), red.promptCounts(), tools);
    call.uploadedFrom(uploadSources);
    return new Result(rewritten, call, key, caller);
  }

  /** The datasets the job's training and validation files were uploaded from, as far as this JVM saw. */
  private static Set<String> trainingSources(byte[] body) throws IOException {
    Set<String> all = new java.util.TreeSet<>();
    for (String fileId : FineTuneWire.files(body)) all.addAll(UploadProvenance.sourcesOf(fileId));
    return all;
  }

  /**
   * Why the job may not train on those datasets: the principal creating it must itself be allowed
   * to read every dataset its files were uploaded from (a training job is a read of its data by
   * other means). Null when it may read them all, or when a dataset is no longer declared.
   */
  private static String unreadableSource(Policy policy, String principal, Set<String> datasets) {
    for (String id : datasets) {
      dev.cordon.policy.DatasetRef ref = policy.dataset(id);
      if (ref == null) continue;
      Decision d = policy.decide(principal, Action.DATASET_READ, ref);
      if (!d.allowed()) {
        return "its training data was uploaded from dataset '" + id + "', which " + principal
            + " may not read (" + d.explanation() + ")";
      }
    }
    return null;
  }

  private static String jsonArray(Set<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (String v : values) {
      if (sb.length() > 1) sb.append(',');
      sb.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return sb.append(']').toString();
  }

  private static boolean looksLikeJson(byte[] body) {
    for (byte b : body) {
      if (b == ' ' || b == '\n' || b == '\r' || b == '\t') continue;
      return b == '{';
    }
    return false;
  }

  private record Redaction(byte[] body, CallRedaction call, Map<String, Long> promptCounts) {
    static final Redaction NONE = new Redaction(null, null, Map.of());
  }

  /**
   * The rule's prompt redaction (spec 2, 8): the rewritten body in enforce mode, counts either way
   * ({@code redacted} / {@code would_redact}), the redacted prompt text when the audit asks for it;
   * and what the response side needs (output types, the call's pseudonym vault).
   */
  private static Redaction redact(Policy policy, Decision decision, Mode mode, byte[] body, AuditEvent event)
      throws IOException {
    Set<String> prompt = decision.promptRedactions();
    Set<String> output = decision.outputRedactions();
    boolean wantText = policy.audit().prompts() == AuditConfig.Prompts.REDACTED;
    if (prompt.isEmpty() && output.isEmpty() && !wantText) return Redaction.NONE;
    PolicyRedaction pr = PolicyRedaction.of(policy);
    boolean enforce = mode == Mode.ENFORCE;
    Vault vault = enforce && pr.redactor().operator() == Operator.PSEUDONYMIZE ? new Vault() : null;
    byte[] rewritten = null;
    Map<String, Long> counts = Map.of();
    if (body != null && body.length > 0 && (!prompt.isEmpty() || wantText)) {
      PromptRewriter.Result r = PromptRewriter.rewrite(body, pr.redactor(), pr.types(prompt), vault, wantText);
      counts = r.counts().toMap();
      if (enforce) rewritten = r.body();
      if (!counts.isEmpty()) {
        event.put("outcome", enforce ? "redacted" : "would_redact").putObject("redactions", counts);
      }
      // Never the raw prompt: the audit's copy is redacted with every type, whatever the rule lets
      // through to the provider, and in monitor mode too.
      if (wantText) {
        String text = prompt.equals(pr.allTypeNames()) ? r.text()
            : PromptRewriter.rewrite(body, pr.redactor(), pr.types(pr.allTypeNames()), null, true).text();
        event.put("prompt", text);
      }
    }
    CallRedaction call = new CallRedaction(pr.redactor(), pr.types(output), vault, enforce);
    return new Redaction(rewritten, call.active() || !output.isEmpty() ? call : null, counts);
  }

  /**
   * The body with the rule's output cap set in the provider's own member (spec 5), or null where
   * the format has no member Cordon knows to set (Bedrock InvokeModel bodies vary by model family).
   */
  private static byte[] capped(String provider, String path, byte[] body, long cap) throws IOException {
    if (path.endsWith("/responses")) return JsonWire.withCap(body, "max_output_tokens", cap);
    return switch (provider) {
      case "anthropic" -> JsonWire.withCap(body, "max_tokens", cap);
      case "gemini" -> JsonWire.withNestedCap(body, "generationConfig", "maxOutputTokens", cap);
      case "bedrock" -> path.endsWith("/converse") || path.endsWith("/converse-stream")
          ? JsonWire.withNestedCap(body, "inferenceConfig", "maxTokens", cap) : null;
      case "ollama" -> path.endsWith("/api/chat") || path.endsWith("/api/generate")
          ? JsonWire.withNestedCap(body, "options", "num_predict", cap) : JsonWire.withCap(body, "max_tokens", cap);
      default -> JsonWire.withCap(body, "max_completion_tokens", cap);
    };
  }

  /** Gemini and Bedrock say "stream" with the path, not the body. */
  private static WireRequest streamingByPath(WireRequest req, String path) {
    if (req.stream() || !(path.endsWith(":streamGenerateContent") || path.endsWith("/converse-stream")
        || path.endsWith("/invoke-with-response-stream"))) {
      return req;
    }
    return new WireRequest(req.model(), req.outputCap(), req.capField(), req.tools(), true, req.promptSha256());
  }

  private static boolean hashPrompts(Policy policy) {
    return policy == null || !"NONE".equals(policy.audit().prompts().name());
  }

  /**
   * A fault's class, plus its message only when Cordon's own code raised it: a message from a
   * library could quote request data, and no prompt or secret may reach a log line.
   */
  static String describe(Throwable t) {
    StackTraceElement[] st = t.getStackTrace();
    boolean ours = st.length > 0 && st[0].getClassName().startsWith("dev.cordon.");
    return ours && t.getMessage() != null ? t.getClass().getName() + ": " + t.getMessage() : t.getClass().getName();
  }

  /** Turns an internal fault into the mode's answer: audited, then a deny (fail closed) or null (fail open). */
  public RuntimeException fault(String where, Throwable t) {
    PolicyState st = runtime.state();
    boolean closed = st == null || st.failClosed();
    if (runtime.audit() != null) {
      runtime.audit().append(AuditEvent.of("agent.error").put("where", where).put("error", describe(t))
          .put("outcome", closed ? "blocked" : "allowed"));
    }
    dev.cordon.agent.log.Log.get().warn("internal error in {} ({}): failing {}", where, describe(t),
        closed ? "closed" : "open");
    if (dev.cordon.agent.log.Log.get().isDebugEnabled()) {
      // Opt-in only (-Dcordon.log=debug): a library's stack trace may quote request data.
      StringBuilder sb = new StringBuilder();
      for (StackTraceElement e : t.getStackTrace()) sb.append("\n    at ").append(e);
      dev.cordon.agent.log.Log.get().debug("fault in {}: {}{}", where, t, sb);
    }
    if (!closed) return null;
    return new CordonAccessDeniedException("Cordon failed closed: internal error in " + where + " ("
        + t.getClass().getName() + "); the call was not sent", "unknown", where, "unknown", null);
  }
}
