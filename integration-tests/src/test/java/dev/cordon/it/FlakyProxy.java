package dev.cordon.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of the fake provider that answers the first {@code failures}
 * connections itself with an HTTP 500 (so an SDK retries), and pipes every later connection through.
 * Records the request heads it failed, to check what the client actually sent.
 */
final class FlakyProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final AtomicInteger failuresLeft;
  final AtomicInteger failed = new AtomicInteger();
  final StringBuffer failedHeads = new StringBuffer();

  FlakyProxy(int targetPort, int failures) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    this.targetPort = targetPort;
    this.failuresLeft = new AtomicInteger(failures);
    Thread t = new Thread(this::acceptLoop, "flaky-proxy");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        if (failuresLeft.getAndDecrement() > 0) {
          daemon(() -> fail(s));
        } else {
          daemon(() -> pipe(s));
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private void fail(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) return;
        head.write(b);
      }
      String h = head.toString(StandardCharsets.ISO_8859_1);
      long length = 0;
      for (String line : h.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Long.parseLong(line.substring(15).trim());
      }
      in.readNBytes((int) length);
      failedHeads.append(h);
      failed.incrementAndGet();
      byte[] body = "{\"error\":{\"message\":\"try again\",\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8);
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
    } catch (IOException e) {
      // the client went away
    }
  }

  private void pipe(Socket client) {
    try {
      Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), targetPort);
      daemon(() -> copy(upstream, client));
      copy(client, upstream);
    } catch (IOException e) {
      close(client);
    }
  }

  private static void copy(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // one side closed
    } finally {
      close(from);
      close(to);
    }
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "flaky-proxy-conn");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
