package com.acme.training;

import java.security.KeyStore;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.TimeZone;
import javax.net.ssl.TrustManagerFactory;

/**
 * Makes the JDK read its own files (time-zone rules, the cacerts trust store) from a principal's
 * code, then hands over to the file script for the rest of the steps.
 */
public final class JdkReadsMain {
  public static void main(String[] args) throws Exception {
    ZonedDateTime paris = ZonedDateTime.now(ZoneId.of("Europe/Paris"));
    TimeZone tokyo = TimeZone.getTimeZone("Asia/Tokyo");
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    System.out.println("JDK OK " + paris.getZone() + " " + tokyo.getID() + " trust managers=" + tmf.getTrustManagers().length);
    new com.acme.shared.FileScript().run(args);
  }
}
