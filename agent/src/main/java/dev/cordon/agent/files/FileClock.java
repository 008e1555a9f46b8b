package dev.cordon.agent.files;

import dev.cordon.bootstrap.Guard;

/**
 * Ages the clean-path cache: one agent thread that ticks every 500 ms, so the hot path never reads a
 * clock. Started only once file datasets are governed.
 */
final class FileClock implements Runnable {
  static final long TICK_MS = 500;

  private final FileGovernor governor;

  private FileClock(FileGovernor governor) {
    this.governor = governor;
  }

  static void start(FileGovernor governor) {
    Thread t = new Thread(new FileClock(governor), "cordon-file-clock");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void run() {
    Guard.markAgentThread(dev.cordon.agent.AgentKey.KEY);
    while (true) {
      try {
        Thread.sleep(TICK_MS);
      } catch (InterruptedException e) {
        return;
      }
      governor.tick();
    }
  }
}
