package dev.cordon.agent.instrument;

import dev.cordon.agent.log.Log;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns JDBC weaving on: from {@code premain} when the policy file mentions {@code jdbc:} (drivers
 * load later and are woven as they load), or when a loaded policy first governs a database (then
 * the JDBC classes already loaded are retransformed).
 */
public final class JdbcHooks {
  private JdbcHooks() {}

  private static boolean enabled;

  /** Before any application class loads: nothing is loaded yet that would need retransforming. */
  public static synchronized void enableAtStart() {
    enabled = true;
    Targets.enableJdbc();
  }

  public static synchronized void enable(Instrumentation inst, WeaveReport report, ClassLoader own) {
    if (enabled) return;
    enabled = true;
    Targets.enableJdbc();
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.isInterface() || c.getClassLoader() == null || c.getClassLoader() == own) continue;
      if ((java.sql.Connection.class.isAssignableFrom(c) || java.sql.Statement.class.isAssignableFrom(c))
          && inst.isModifiableClass(c)) {
        loaded.add(c);
      }
    }
    for (Class<?> c : loaded) {
      try {
        inst.retransformClasses(c);
      } catch (Throwable t) {
        report.failed(c.getName(), t.toString());
      }
    }
    Log.get().debug("JDBC hooks enabled; {} loaded classes retransformed", loaded.size());
  }
}
