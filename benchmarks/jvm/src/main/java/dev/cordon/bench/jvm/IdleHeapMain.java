package dev.cordon.bench.jvm;

import java.lang.management.ManagementFactory;

/** The memory subject: waits for the agent to finish loading the policy, then reports heap use after a full GC. */
public final class IdleHeapMain {
  public static void main(String[] args) throws Exception {
    Thread.sleep(1500);
    System.out.println("heap_kb=" + ChatLoadMain.usedHeapAfterGc() / 1024
        + " loaded_classes=" + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
    System.exit(0);
  }
}
