package dev.cordon.agent.sdk;

import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.ai.AiTarget;
import dev.cordon.agent.ai.UrlTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Governs Google GenAI Java 2.x: the OkHttp request built from the SDK's own JSON body is decided
 * (and possibly rebuilt with a capped body) before it is sent; the OkHttp response handed to the
 * SDK's {@code HttpApiResponse} gets a body that reports usage ({@code usageMetadata}) as the SDK
 * reads it, JSON or server-sent events alike. The OkHttp request object links the two.
 */
public final class GoogleGenAiHooks {
  private final AiGovernor governor;
  private final Map<Object, AiCall> inFlight = Collections.synchronizedMap(new WeakHashMap<>());

  public GoogleGenAiHooks(AiGovernor governor) {
    this.governor = governor;
  }

  public Object prepared(Object okRequest, Object jsonBody) throws IOException {
    OkHttp ok = OkHttp.of(okRequest);
    AiTarget target = UrlTarget.of(ok.url(okRequest), ok.method(okRequest));
    if (target.action() == null) return okRequest;
    String body = jsonBody instanceof String s ? s : null;
    AiGovernor.Result result = governor.govern(target, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    Funnels.governed(target);
    Object toSend = result.body() == null ? okRequest
        : ok.withBody(okRequest, new String(result.body(), StandardCharsets.UTF_8));
    if (result.key() != null) toSend = ok.withKey(toSend, result.key());
    if (result.call() != null) inFlight.put(toSend, result.call());
    return toSend;
  }

  public Object response(Object okResponse) {
    OkHttp ok = OkHttp.of(okResponse);
    AiCall call = inFlight.remove(ok.request(okResponse));
    if (call == null) return okResponse;
    int status = ok.code(okResponse);
    return ok.withFilteredBody(okResponse, in -> ResponseBodies.governed(call, in, status));
  }
}
