package com.acme.support.raw;

import com.acme.shared.JdkRawHttp;
import com.acme.shared.RawAiScript;

/** The "support-bot" principal calling an AI API with the JDK's HttpClient and no SDK. */
public final class RawJdkMain {
  public static void main(String[] args) {
    new RawAiScript(new JdkRawHttp()).run(args);
    System.exit(0);
  }
}
