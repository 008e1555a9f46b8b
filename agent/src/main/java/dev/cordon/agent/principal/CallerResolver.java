package dev.cordon.agent.principal;

import dev.cordon.policy.PrincipalSelector;

/**
 * Resolves the principal of a governed call by walking the stack outward from the intercepted
 * call (spec 3). Only governed calls pay for the walk; ungoverned I/O never reaches here.
 */
public final class CallerResolver {
  // One batch of 64 frames instead of the default 8, 16, 32...: SDK call stacks are 30-60 frames deep,
  // and each extra batch is another trip into the VM.
  private static final StackWalker WALKER = StackWalker.getInstance(java.util.Set.of(), 64);

  private final PrincipalSelector selector;
  private final String service;

  public CallerResolver(PrincipalSelector selector, String service) {
    this.selector = selector;
    this.service = service;
  }

  public Caller resolve() {
    java.util.function.Function<String, String> headers = selector.usesHeaders()
        ? InboundHeaders.of(dev.cordon.bootstrap.Inbound.current(), dev.cordon.bootstrap.Inbound.carried()) : null;
    long candidates = selector.candidates(Thread.currentThread().getName(), service, headers);
    if (!selector.usesCode()) {
      return new Caller(idOrAnonymous(selector.fallback(candidates)), firstAppFrame());
    }
    // A plain loop over the frames, not a stream pipeline: this runs on every governed call.
    Caller byCode = WALKER.walk(frames -> {
      for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext();) {
        StackWalker.StackFrame f = it.next();
        String cls = f.getClassName();
        if (FrameFilter.skipped(cls)) continue;
        int idx = selector.matchFrame(candidates, cls);
        if (idx >= 0) return new Caller(selector.id(idx), describe(f));
      }
      return null;
    });
    if (byCode != null) return byCode;
    return new Caller(idOrAnonymous(selector.fallback(candidates)), firstAppFrame());
  }

  /** With no policy at all everything is anonymous; the caller frame still helps the audit. */
  public static Caller anonymous() {
    return new Caller(PrincipalSelector.ANONYMOUS, firstAppFrame());
  }

  private String idOrAnonymous(int idx) {
    return idx < 0 ? PrincipalSelector.ANONYMOUS : selector.id(idx);
  }

  private static String firstAppFrame() {
    return WALKER.walk(frames -> frames
        .filter(f -> !FrameFilter.skipped(f.getClassName()))
        .findFirst()
        .map(CallerResolver::describe)
        .orElse(null));
  }

  static String describe(StackWalker.StackFrame f) {
    String file = f.getFileName();
    int line = f.getLineNumber();
    return f.getClassName() + "." + f.getMethodName() + "("
        + (file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file) + ")";
  }
}
