package com.acme.support.raw;

import com.acme.shared.OkHttpRawHttp;
import com.acme.shared.RawAiScript;
import com.acme.shared.RewritingInterceptor;

/** The "support-bot" principal calling with OkHttp through an interceptor that rewrites requests. */
public final class RawOkHttpInterceptedMain {
  public static void main(String[] args) {
    new RawAiScript(new OkHttpRawHttp(new RewritingInterceptor())).run(args);
    System.exit(0);
  }
}
