package dev.cordon.agent.transport;

import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.ResponseWatch;
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
    return new Watched<>(inner, new ResponseWatch(sse, u -> call.completed(status, u)), call);
  }

  private static final class Watched<T> implements HttpResponse.BodySubscriber<T> {
    private final HttpResponse.BodySubscriber<T> inner;
    private final ResponseWatch watch;
    private final AiCall call;

    Watched(HttpResponse.BodySubscriber<T> inner, ResponseWatch watch, AiCall call) {
      this.inner = inner;
      this.watch = watch;
      this.call = call;
    }

    @Override
    public CompletionStage<T> getBody() {
      return inner.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      inner.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      for (ByteBuffer b : item) watch.accept(b);
      inner.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
      call.failed(throwable);
      inner.onError(throwable);
    }

    @Override
    public void onComplete() {
      watch.finish();
      inner.onComplete();
    }
  }
}
