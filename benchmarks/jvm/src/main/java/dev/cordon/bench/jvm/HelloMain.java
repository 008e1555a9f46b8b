package dev.cordon.bench.jvm;

/** The start-up subject: a hello world that touches no AI library and no dataset. */
public final class HelloMain {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
