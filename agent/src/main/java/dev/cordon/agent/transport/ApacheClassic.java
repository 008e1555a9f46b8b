package dev.cordon.agent.transport;

import dev.cordon.CordonAccessDeniedException;
import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.ai.AiTarget;
import dev.cordon.agent.ai.Usage;
import dev.cordon.agent.sdk.ResponseBodies;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;

/**
 * Apache HttpClient 5.x and 4.5.x, classic (blocking) API. Every public {@code execute} overload of
 * {@code CloseableHttpClient} (with or without a response handler) calls the protected
 * {@code doExecute(target, request, context)} of the client implementation on the caller's thread;
 * there the request is decided, and the response the exec chain returns is governed before
 * {@code execute} returns it (or hands it to the response handler).
 *
 * <p>Request entities are read and replaced: a repeatable one is written to a buffer; a non-repeatable
 * (streamed) one is read up to 16 MiB and the client is given a repeatable copy of what was read, so
 * what the provider receives is exactly what was decided. A streamed entity over 16 MiB is decided
 * unread and the client sends the bytes read so far followed by the rest of the stream. A request
 * that carries a {@code Content-Encoding} (a compressed body) is decided unread.
 *
 * <p>The request object is the application's own: a rewritten body replaces its entity, and a
 * scoped key replaces its auth headers only for the duration of the call (they are restored when
 * {@code doExecute} returns, so the application cannot read the key back from its request).
 */
final class ApacheClassic {
  private static final byte[] NO_BODY = new byte[0];

  private final WireGovernor wire;

  ApacheClassic(WireGovernor wire) {
    this.wire = wire;
  }

  /** State = {request, null, AiCall, saved auth headers (name, value pairs) or null}. */
  Object[] request(Object request, Object target) throws IOException {
    ApacheApi api = ApacheApi.of(request);
    AiTarget t = api.classify(wire, request, target);
    if (t == null) return null;
    String token = api.header(request, GovernedCalls.HEADER);
    if (token != null) api.removeHeaders(request, GovernedCalls.HEADER);
    if (wire.covered(t, token)) return null;
    Object entity = api.requestEntity(request);
    byte[] body = entity == null ? NO_BODY : read(api, request, entity);
    AiGovernor.Result result = wire.govern(t, body, body == null);
    if (result.body() != null) {
      api.setRequestEntity(request, api.bytesEntity(result.body(), api.contentType(entity)));
    }
    List<String> saved = result.key() == null ? null : api.putScopedKey(request, result.key());
    return new Object[] {request, null, result.call(), saved};
  }

  /**
   * The body bytes, or null when it is not read (compressed, or a stream over the limit). A
   * non-repeatable entity is consumed here, so the request gets a replacement holding the same bytes.
   */
  private static byte[] read(ApacheApi api, Object request, Object entity) throws IOException {
    if (api.contentEncoding(entity) != null) return null;
    if (api.repeatable(entity)) {
      if (api.length(entity) > WireGovernor.MAX_BODY) return null;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      api.writeTo(entity, out);
      return out.size() > WireGovernor.MAX_BODY ? null : out.toByteArray();
    }
    String type = api.contentType(entity);
    InputStream in = api.content(entity);
    byte[] head = in.readNBytes(WireGovernor.MAX_BODY + 1);
    if (head.length <= WireGovernor.MAX_BODY) {
      in.close();
      api.setRequestEntity(request, api.bytesEntity(head, type));
      return head;
    }
    // Too large to decide on: sent as it was, the part already read first.
    api.setRequestEntity(request,
        api.streamEntity(new SequenceInputStream(new ByteArrayInputStream(head), in), api.length(entity), type));
    return null;
  }

  /**
   * {@code doExecute} returned (or threw): the response's entity is replaced by the governed body
   * (tool calls checked, usage read, output redaction applied); a response asking for a tool outside
   * {@code limits.tools} is closed and the deny thrown from {@code execute}.
   */
  @SuppressWarnings("unchecked")
  Object response(Object[] state, Object response, Throwable thrown) {
    Object request = state[0];
    ApacheApi api = ApacheApi.of(request);
    if (state[3] != null) api.restoreAuthHeaders(request, (List<String>) state[3]);
    AiCall call = (AiCall) state[2];
    if (call == null) return response;
    if (thrown != null || response == null) {
      call.failed(thrown != null ? thrown : new IllegalStateException("no response"));
      return response;
    }
    int status = api.status(response);
    Object entity = api.responseEntity(response);
    if (entity == null) {
      call.completed(status, Usage.NONE);
      return response;
    }
    String type = api.contentType(entity);
    InputStream governed;
    try {
      governed = ResponseBodies.governed(call, api.content(entity), status);
    } catch (CordonAccessDeniedException deny) {
      close(response);
      throw deny;
    }
    api.setResponseEntity(response, api.streamEntity(governed, -1, type));
    return response;
  }

  private static void close(Object response) {
    if (response instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // the deny is what the application must see
      }
    }
  }
}
