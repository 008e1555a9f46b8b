package com.acme.support.raw;

import com.acme.shared.JdkRawHttp;
import com.acme.shared.OkHttpRawHttp;
import com.acme.shared.RawHttp;
import com.acme.shared.RawOutputScript;
import com.acme.shared.UrlConnectionRawHttp;
import java.util.Arrays;

/** The "support-bot" principal reading model answers with a raw client: args[0] is jdk, okhttp or urlconnection. */
public final class RawOutputMain {
  public static void main(String[] args) {
    RawHttp http = switch (args[0]) {
      case "jdk" -> new JdkRawHttp();
      case "okhttp" -> new OkHttpRawHttp();
      case "urlconnection" -> new UrlConnectionRawHttp();
      default -> throw new IllegalArgumentException(args[0]);
    };
    new RawOutputScript(http).run(Arrays.copyOfRange(args, 1, args.length));
    System.exit(0);
  }
}
