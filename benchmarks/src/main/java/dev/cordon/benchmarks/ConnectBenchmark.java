package dev.cordon.benchmarks;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The socket backstop's cost on a connect to a host that is no AI endpoint, the traffic it must
 * leave alone. Run with the agent and a policy listing an AI endpoint:
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ConnectBenchmark -prof gc \
 *     -jvmArgsAppend "-javaagent:agent/target/cordon-agent.jar=policy=P -Dcordon.bench.ai.port=N"</pre>
 *
 * where P lists {@code {host: "127.0.0.1", port: N}} and nothing listens on N. The setup proves the
 * hook is live (a connect to the endpoint is denied) before anything is measured. For scale: a
 * loopback connect and close costs about 100 µs and 1.7 KB on the same machine (a JMH loop of them
 * soon runs out of ephemeral ports, so it is not one of the benchmarks here).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ConnectBenchmark {
  private ServerSocket server;
  private Thread acceptor;
  private InetSocketAddress byName;
  private InetSocketAddress byLiteral;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    server = new ServerSocket(0, 1000);
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          server.accept().close();
        } catch (Exception closed) {
          return;
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    byName = new InetSocketAddress("localhost", server.getLocalPort());
    byLiteral = new InetSocketAddress("127.0.0.1", server.getLocalPort());
    Integer ai = Integer.getInteger("cordon.bench.ai.port");
    if (ai != null) proveHookIsLive(ai);
  }

  private static void proveHookIsLive(int port) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < until) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      } catch (SecurityException denied) {
        return;
      } catch (java.io.IOException refused) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("the agent never denied 127.0.0.1:" + port + ": the backstop is not live");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    server.close();
  }

  /** What the advice woven into {@code Socket.connect} runs, alone, for a host given by name. Agent only. */
  @Benchmark
  public void hookOnlyByName() {
    dev.cordon.bootstrap.Dispatch.socketConnect(byName, "socket");
  }

  /** Same for an address made from an IP literal: its host string is formatted on each call. Agent only. */
  @Benchmark
  public void hookOnlyByLiteral() {
    dev.cordon.bootstrap.Dispatch.socketConnect(byLiteral, "socket");
  }
}
