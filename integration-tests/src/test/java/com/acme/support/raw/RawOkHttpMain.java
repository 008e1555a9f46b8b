package com.acme.support.raw;

import com.acme.shared.OkHttpRawHttp;
import com.acme.shared.RawAiScript;

/** The "support-bot" principal calling an AI API with OkHttp and no SDK. */
public final class RawOkHttpMain {
  public static void main(String[] args) {
    new RawAiScript(new OkHttpRawHttp()).run(args);
    System.exit(0);
  }
}
