package dev.cordon.policy;

/** An egress allow-list entry (spec 6). {@code port} -1 = every port; provider nullable. */
public record EndpointDef(String host, int port, String provider, Tls tls) {
    public enum Tls {
        REQUIRED, OPTIONAL;

        public String wireName() {
            return this == REQUIRED ? "required" : "optional";
        }
    }
}
