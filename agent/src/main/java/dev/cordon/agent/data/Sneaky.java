package dev.cordon.agent.data;

/** Throws a checked exception (an SQLException from inside a JDBC method) through code that does not declare it. */
public final class Sneaky {
  private Sneaky() {}

  @SuppressWarnings("unchecked")
  public static <T extends Throwable> RuntimeException raise(Throwable t) throws T {
    throw (T) t;
  }
}
