package com.acme.support.raw;

import com.acme.shared.Apache4RawHttp;
import com.acme.shared.RawAiScript;

/** The "support-bot" principal calling an AI API with Apache HttpClient 4.x and no SDK. */
public final class RawApache4Main {
  public static void main(String[] args) {
    new RawAiScript(new Apache4RawHttp()).run(args);
    System.exit(0);
  }
}
