package dev.cordon.agent.redact;

import java.io.IOException;

/**
 * A response body transformed as it is received, whichever way the client carries it (pulled
 * through an input stream, or pushed to a body subscriber or an Okio source): each push returns the
 * bytes that may be handed to the application now; what is held back comes out later or at the end.
 */
public interface OutputFilter {
  /** The next bytes received; returns those now safe to hand on (possibly none). */
  byte[] pass(byte[] b, int off, int len) throws IOException;

  /** The body ended: returns everything still held back. */
  byte[] end() throws IOException;
}
