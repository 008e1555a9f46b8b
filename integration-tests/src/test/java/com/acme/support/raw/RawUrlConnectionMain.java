package com.acme.support.raw;

import com.acme.shared.RawAiScript;
import com.acme.shared.UrlConnectionRawHttp;

/** The "support-bot" principal calling an AI API with java.net.HttpURLConnection and no SDK. */
public final class RawUrlConnectionMain {
  public static void main(String[] args) {
    new RawAiScript(new UrlConnectionRawHttp()).run(args);
    System.exit(0);
  }
}
