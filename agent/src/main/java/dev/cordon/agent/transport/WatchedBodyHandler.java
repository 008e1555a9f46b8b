package dev.cordon.agent.transport;

import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.ResponseWatch;
import dev.cordon.agent.ai.SseToolGate;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Wraps the application's body handler so the response bytes pass a {@link ResponseWatch} on their
 * way to the application's own subscriber, unchanged and unbuffered (a stream stays a stream).
 */
final class WatchedBodyHandler<T> implements HttpResponse.BodyHandler<T> {
  private final HttpResponse.BodyHandler<T> delegate;
  private final AiCall call;

  WatchedBodyHandler(HttpResponse.BodyHandler<T> delegate, AiCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public HttpResponse.BodySubscriber<T> apply(HttpResponse.ResponseInfo info) {
    HttpResponse.BodySubscriber<T> inner = delegate.apply(info);
    boolean sse = call.streaming()
        || info.headers().firstValue("content-type").map(v -> v.contains("event-stream")).orElse(false);
    int status = info.statusCode();
    if (call.checksToolCalls() && !sse) return new Gated<>(inner, call, status);
    SseToolGate gate = sse && call.limitsTools() ? new SseToolGate(call) : null;
    return new Watched<>(inner, new ResponseWatch(sse, u -> call.completed(status, u)), call, gate);
  }

  /**
   * Holds the whole (non-streamed) body back from the application's subscriber until its tool calls
   * are checked; then hands it over as one item, or fails it with the deny.
   */
  private static final class Gated<T> implements HttpResponse.BodySubscriber<T> {
    private final HttpResponse.BodySubscriber<T> inner;
    private final AiCall call;
    private final int status;
    private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    private Flow.Subscription upstream;
    private long demand;
    private boolean complete;
    private boolean delivered;

    Gated(HttpResponse.BodySubscriber<T> inner, AiCall call, int status) {
      this.inner = inner;
      this.call = call;
      this.status = status;
    }

    @Override
    public CompletionStage<T> getBody() {
      return inner.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      upstream = subscription;
      inner.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {
          synchronized (Gated.this) {
            demand += n;
          }
          deliverIfReady();
        }

        @Override
        public void cancel() {
          upstream.cancel();
        }
      });
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      for (ByteBuffer b : item) {
        ByteBuffer d = b.duplicate();
        byte[] chunk = new byte[d.remaining()];
        d.get(chunk);
        body.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      call.failed(throwable);
      inner.onError(throwable);
    }

    @Override
    public void onComplete() {
      synchronized (this) {
        complete = true;
      }
      deliverIfReady();
    }

    private void deliverIfReady() {
      byte[] bytes;
      synchronized (this) {
        if (!complete || delivered || demand <= 0) return;
        delivered = true;
        bytes = body.toByteArray();
      }
      dev.cordon.CordonAccessDeniedException deny = call.checkToolCalls(bytes);
      call.completed(status, dev.cordon.agent.ai.UsageReader.find(bytes, 0, bytes.length));
      if (deny != null) {
        inner.onError(deny);
        return;
      }
      if (bytes.length > 0) inner.onNext(List.of(ByteBuffer.wrap(bytes)));
      inner.onComplete();
    }
  }

  private static final class Watched<T> implements HttpResponse.BodySubscriber<T> {
    private final HttpResponse.BodySubscriber<T> inner;
    private final ResponseWatch watch;
    private final AiCall call;
    private final SseToolGate gate;
    private Flow.Subscription upstream;
    private boolean stopped;

    Watched(HttpResponse.BodySubscriber<T> inner, ResponseWatch watch, AiCall call, SseToolGate gate) {
      this.inner = inner;
      this.watch = watch;
      this.call = call;
      this.gate = gate;
    }

    @Override
    public CompletionStage<T> getBody() {
      return inner.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      upstream = subscription;
      inner.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      if (stopped) return;
      if (gate == null) {
        for (ByteBuffer b : item) watch.accept(b);
        inner.onNext(item);
        return;
      }
      java.io.ByteArrayOutputStream released = new java.io.ByteArrayOutputStream();
      try {
        for (ByteBuffer b : item) {
          ByteBuffer d = b.duplicate();
          byte[] chunk = new byte[d.remaining()];
          d.get(chunk);
          released.writeBytes(gate.accept(chunk, 0, chunk.length));
        }
      } catch (dev.cordon.CordonAccessDeniedException deny) {
        stop(deny);
        return;
      }
      if (released.size() == 0) {
        // Swallowed a partial line: ask for more on the application's behalf, its demand still stands.
        upstream.request(1);
        return;
      }
      byte[] out = released.toByteArray();
      watch.accept(out, 0, out.length);
      inner.onNext(List.of(ByteBuffer.wrap(out)));
    }

    private void stop(dev.cordon.CordonAccessDeniedException deny) {
      stopped = true;
      upstream.cancel();
      watch.finish();
      inner.onError(deny);
    }

    @Override
    public void onError(Throwable throwable) {
      if (stopped) return;
      call.failed(throwable);
      inner.onError(throwable);
    }

    @Override
    public void onComplete() {
      if (stopped) return;
      if (gate != null) {
        try {
          byte[] rest = gate.finish();
          if (rest.length > 0) {
            watch.accept(rest, 0, rest.length);
            inner.onNext(List.of(ByteBuffer.wrap(rest)));
          }
        } catch (dev.cordon.CordonAccessDeniedException deny) {
          stop(deny);
          return;
        }
      }
      watch.finish();
      inner.onComplete();
    }
  }
}
