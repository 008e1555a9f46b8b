package com.acme.support.raw;

import com.acme.shared.Apache5RawHttp;
import com.acme.shared.RawAiScript;

/** The "support-bot" principal calling an AI API with Apache HttpClient 5.x and no SDK. */
public final class RawApache5Main {
  public static void main(String[] args) {
    new RawAiScript(new Apache5RawHttp()).run(args);
    System.exit(0);
  }
}
