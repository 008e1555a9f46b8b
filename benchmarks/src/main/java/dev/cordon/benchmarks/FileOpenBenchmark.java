package dev.cordon.benchmarks;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Opening (and closing) a file outside every dataset, the I/O the agent must leave alone. Run by
 * {@link FileOpenComparison} twice in one go, without and with the agent, so the difference is the
 * agent's cost. With the agent, the setup first proves that the file hooks are live (a read of the
 * dataset file is denied); a run that measured an unhooked JVM would prove nothing.
 *
 * <p>Paths come from system properties set by the comparison: {@code cordon.bench.outside} (a file
 * outside the datasets) and {@code cordon.bench.dataset} (a file inside one, denied by the policy).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class FileOpenBenchmark {
  private String outside;
  private Path outsidePath;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    outside = System.getProperty("cordon.bench.outside");
    if (outside == null) throw new IllegalStateException("run through FileOpenComparison");
    outsidePath = Path.of(outside);
    if (Boolean.getBoolean("cordon.bench.agent")) proveHooksAreLive(System.getProperty("cordon.bench.dataset"));
  }

  private static void proveHooksAreLive(String datasetFile) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < until) {
      try (FileInputStream in = new FileInputStream(datasetFile)) {
        Thread.sleep(50);
      } catch (SecurityException denied) {
        return;
      }
    }
    throw new IllegalStateException("the agent never denied " + datasetFile + ": file hooks are not live");
  }

  /**
   * The agent's own part of an open outside every dataset, alone: what the advice woven into
   * {@code FileInputStream.open} calls. Only run with the agent (the class is on its boot class path).
   */
  @Benchmark
  public void hookOnly() {
    dev.cordon.bootstrap.Dispatch.fileOpen(outside, dev.cordon.bootstrap.Dispatch.READ);
  }

  /** {@code new FileInputStream(String)}: java.io's funnel. */
  @Benchmark
  public void fileInputStream() throws IOException {
    new FileInputStream(outside).close();
  }

  /** {@code new RandomAccessFile(String, "r")}: the funnel under ZipFile and JarFile. */
  @Benchmark
  public void randomAccessFile() throws IOException {
    new RandomAccessFile(outside, "r").close();
  }

  /** {@code Files.newByteChannel(path)} with a Path the application keeps (its string is cached in it). */
  @Benchmark
  public void filesNewByteChannel() throws IOException {
    try (SeekableByteChannel c = Files.newByteChannel(outsidePath)) {
      c.size();
    }
  }

  /**
   * {@code Files.newByteChannel(Path.of(string))} with a fresh Path each time: the agent needs the
   * path's text, which a fresh {@code UnixPath} builds (and then keeps) on first use.
   */
  @Benchmark
  public void filesNewByteChannelFreshPath() throws IOException {
    try (SeekableByteChannel c = Files.newByteChannel(Path.of(outside))) {
      c.size();
    }
  }
}
