package dev.cordon.agent.transport;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** {@code okhttp3.Call.request()} on the application's {@code RealCall}, without boxing or linking. */
final class CallApi {
  private static final ClassValue<CallApi> BY_CLASS = new ClassValue<>() {
    @Override
    protected CallApi computeValue(Class<?> type) {
      return new CallApi(type);
    }
  };

  static CallApi of(Object call) {
    return BY_CLASS.get(call.getClass());
  }

  private final MethodHandle request;

  private CallApi(Class<?> callType) {
    try {
      request = MethodHandles.publicLookup().unreflect(callType.getMethod("request"))
          .asType(MethodType.methodType(Object.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("unsupported OkHttp call type " + callType.getName(), e);
    }
  }

  Object request(Object call) {
    try {
      return (Object) request.invokeExact(call);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
