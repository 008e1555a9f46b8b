package dev.cordon.agent.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A method whose Code attribute carries a type annotation (with code offsets): the patcher declines it. */
final class DeclinedSample {
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE_USE)
  @interface Tag {}

  static String cast(Object o) {
    return (@Tag String) o;
  }
}
