package dev.cordon.agent.runtime;

import dev.cordon.bootstrap.Guard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Polls the policy file's modification time and size every 250 ms and asks for a reload on any
 * change (the reload itself compares bytes). Polling rather than a WatchService: it behaves the
 * same on every file system, including bind mounts and Kubernetes config-map symlink swaps, and
 * keeps the "live within 2 seconds" promise with a wide margin.
 */
final class PolicyWatcher implements Runnable {
  private static final long PERIOD_MS = 250;

  private final AgentRuntime runtime;
  private final Path path;
  private long lastModified;
  private long lastSize;

  private PolicyWatcher(AgentRuntime runtime, Path path) {
    this.runtime = runtime;
    this.path = path;
  }

  static void start(AgentRuntime runtime, Path path) {
    PolicyWatcher w = new PolicyWatcher(runtime, path);
    w.snapshot();
    Thread t = new Thread(w, "cordon-policy-watch");
    t.setDaemon(true);
    t.start();
  }

  private boolean snapshot() {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      long m = a.lastModifiedTime().toMillis();
      long s = a.size();
      boolean changed = m != lastModified || s != lastSize;
      lastModified = m;
      lastSize = s;
      return changed;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void run() {
    Guard.markAgentThread(dev.cordon.agent.AgentKey.KEY);
    while (true) {
      try {
        Thread.sleep(PERIOD_MS);
        if (snapshot()) runtime.reload();
      } catch (InterruptedException e) {
        return;
      } catch (Throwable t) {
        // Never let the watcher die: a missed reload is reported, a dead watcher is silent.
        dev.cordon.agent.log.Log.get().warn("policy watcher: {}", t.toString());
      }
    }
  }
}
