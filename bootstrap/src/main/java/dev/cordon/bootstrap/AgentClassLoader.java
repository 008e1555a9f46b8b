package dev.cordon.bootstrap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarFile;

/**
 * The agent's private class loader. The agent jar keeps everything but the boot classes in one
 * packed entry ({@link InstPack}), so the application's class loader (which also has the agent jar on
 * its class path) can never see or load them, and the agent's copies of Byte Buddy, ASM, Jackson and
 * SLF4J never meet the application's own. Its parent is the platform loader: the JDK and the boot
 * classes are visible, the application is not.
 */
public final class AgentClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final InstPack pack;
  private final ProtectionDomain domain;
  private final URLStreamHandler urls = new PackUrls();

  public AgentClassLoader(JarFile jar, URL jarLocation) throws IOException {
    super("cordon", ClassLoader.getPlatformClassLoader());
    this.pack = InstPack.open(jar);
    this.domain = new ProtectionDomain(new CodeSource(jarLocation, (Certificate[]) null), null, this, null);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes;
    try {
      bytes = pack.read(name.replace('.', '/') + ".class");
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    if (bytes == null) throw new ClassNotFoundException(name);
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      String pkg = name.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        try {
          definePackage(pkg, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException raced) {
          // another thread defined it first
        }
      }
    }
    return defineClass(name, bytes, 0, bytes.length, domain);
  }

  @Override
  protected URL findResource(String name) {
    String n = strip(name);
    if (!pack.contains(n)) return null;
    try {
      // Only ServiceLoader needs a URL (SLF4J finds the agent's own provider through it).
      return new URL("cordon", "inst", -1, "/" + n, urls);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    try {
      byte[] bytes = pack.read(strip(name));
      if (bytes != null) return new ByteArrayInputStream(bytes);
    } catch (IOException e) {
      return null;
    }
    return super.getResourceAsStream(name);
  }

  private static String strip(String resource) {
    return resource.startsWith("/") ? resource.substring(1) : resource;
  }

  /** {@code cordon://inst/<name>} URLs, read from the pack. */
  private final class PackUrls extends URLStreamHandler {
    @Override
    protected URLConnection openConnection(URL u) {
      return new URLConnection(u) {
        @Override
        public void connect() {}

        @Override
        public InputStream getInputStream() throws IOException {
          byte[] bytes = pack.read(strip(u.getPath()));
          if (bytes == null) throw new IOException("not in the agent: " + u);
          return new ByteArrayInputStream(bytes);
        }
      };
    }
  }
}
