package dev.cordon.agent.transport;

import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.OutputRewrite;
import dev.cordon.agent.ai.ResponseWatch;
import dev.cordon.agent.ai.SseToolGate;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Wraps the application's body handler so the response bytes pass a {@link ResponseWatch} on their
 * way to the application's own subscriber, unbuffered (a stream stays a stream); with output
 * redaction they pass an {@link OutputRewrite} first, so whatever the handler (ofString,
 * ofInputStream, ofLines, a custom subscriber) the application gets the redacted bytes.
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
    OutputRewrite rewrite = call.outputRewrite(sse, info.headers().firstValue("content-type").orElse(null),
        info.headers().firstValue("content-encoding").orElse(null));
    if (call.checksToolCalls() && !sse) return new Gated<>(inner, call, status, rewrite);
    SseToolGate gate = sse && call.limitsTools() ? new SseToolGate(call) : null;
    return new Watched<>(inner, new ResponseWatch(sse, u -> call.completed(status, u)), call, gate, rewrite);
  }

  /**
   * Holds the whole (non-streamed) body back from the application's subscriber until its tool calls
   * are checked; then hands it over as one item, or fails it with the deny.
   */
  private static final class Gated<T> implements HttpResponse.BodySubscriber<T> {
    private final HttpResponse.BodySubscriber<T> inner;
    private final AiCall call;
    private final int status;
    private final OutputRewrite rewrite;
    private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    private Flow.Subscription upstream;
    private long demand;
    private boolean complete;
    private boolean delivered;

    Gated(HttpResponse.BodySubscriber<T> inner, AiCall call, int status, OutputRewrite rewrite) {
      this.inner = inner;
      this.call = call;
      this.status = status;
      this.rewrite = rewrite;
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
      java.io.IOException withheld = null;
      if (deny == null && rewrite != null) {
        try {
          bytes = rewrite.whole(bytes);
        } catch (java.io.IOException e) {
          withheld = e;
        }
      }
      call.completed(status, dev.cordon.agent.ai.UsageReader.find(bytes, 0, bytes.length));
      if (deny != null || withheld != null) {
        inner.onError(deny != null ? deny : withheld);
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
    private final OutputRewrite rewrite;
    private Flow.Subscription upstream;
    private boolean stopped;

    Watched(HttpResponse.BodySubscriber<T> inner, ResponseWatch watch, AiCall call, SseToolGate gate, OutputRewrite rewrite) {
      this.inner = inner;
      this.watch = watch;
      this.call = call;
      this.gate = gate;
      this.rewrite = rewrite;
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
      if (gate == null && rewrite == null) {
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
          byte[] checked = gate == null ? chunk : gate.accept(chunk, 0, chunk.length);
          released.writeBytes(rewrite == null ? checked : rewrite.pass(checked, 0, checked.length));
        }
      } catch (dev.cordon.CordonAccessDeniedException | java.io.IOException stop) {
        stop(stop);
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

    private void stop(Throwable why) {
      stopped = true;
      upstream.cancel();
      watch.finish();
      inner.onError(why);
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
      if (gate != null || rewrite != null) {
        try {
          byte[] rest = gate == null ? new byte[0] : gate.finish();
          if (rewrite != null) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            all.writeBytes(rewrite.pass(rest, 0, rest.length));
            all.writeBytes(rewrite.end());
            rest = all.toByteArray();
          }
          if (rest.length > 0) {
            watch.accept(rest, 0, rest.length);
            inner.onNext(List.of(ByteBuffer.wrap(rest)));
          }
        } catch (dev.cordon.CordonAccessDeniedException | java.io.IOException stop) {
          stop(stop);
          return;
        }
      }
      watch.finish();
      inner.onComplete();
    }
  }
}
