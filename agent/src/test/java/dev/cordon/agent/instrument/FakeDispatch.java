package dev.cordon.agent.instrument;

import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for dev.cordon.bootstrap.Dispatch when patched samples run: the test renames a copy of
 * it to that name in its own class loader, and reads {@code CALLS} from that copy.
 */
public final class FakeDispatch {
  public static final List<String> CALLS = new ArrayList<>();

  public static void enter(int x, int tag) {
    CALLS.add("enter " + x + " " + tag);
  }

  public static void exit(int x, int tag) {
    CALLS.add("exit " + x + " " + tag);
  }

  public static void filesChanged() {
    CALLS.add("changed");
  }
}
