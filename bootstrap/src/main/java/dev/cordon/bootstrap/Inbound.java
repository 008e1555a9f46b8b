package dev.cordon.bootstrap;

/**
 * The inbound HTTP request a thread is serving (spec 3, {@code http_header} principals), and the
 * request headers carried into async work that was started while serving one. Set by advice on
 * {@code javax.servlet.http.HttpServlet.service} and its jakarta twin, without allocating: the
 * previous value is kept by the advice itself, so forwards and includes nest.
 */
public final class Inbound {
  private Inbound() {}

  /** [0]: the request being served (a servlet request object); [1]: headers carried from the submitting thread. */
  private static final ThreadLocal<Object[]> SLOTS = ThreadLocal.withInitial(() -> new Object[2]);

  /** Starts serving {@code request}; returns the previous request, for {@link #exit}. */
  public static Object enter(Object request) {
    Object[] s = SLOTS.get();
    Object previous = s[0];
    s[0] = request;
    return previous;
  }

  public static void exit(Object previous) {
    SLOTS.get()[0] = previous;
  }

  /** The servlet request this thread is serving, or null. */
  public static Object current() {
    return SLOTS.get()[0];
  }

  /** The header snapshot carried into this thread's current task, or null. */
  public static Object carried() {
    return SLOTS.get()[1];
  }

  /** A task that runs with the submitting thread's inbound headers (an immutable snapshot). */
  public static final class Carrying implements Runnable {
    private final Runnable task;
    private final Object headers;

    public Carrying(Runnable task, Object headers) {
      this.task = task;
      this.headers = headers;
    }

    @Override
    public void run() {
      Object[] s = SLOTS.get();
      Object previous = s[1];
      s[1] = headers;
      try {
        task.run();
      } finally {
        s[1] = previous;
      }
    }

    @Override
    public String toString() {
      return task.toString();
    }
  }
}
