package dev.cordon.policy;

import dev.cordon.policy.glob.TextGlob;
import java.util.List;

/**
 * Host (and port) to endpoint entry. An entry naming the port wins over one without, whatever
 * their order, so a specific local-server entry is not shadowed by a host-wide one; otherwise
 * the first declared match wins. Hosts compare case-insensitively (DNS does).
 */
final class EndpointIndex {
    private final List<EndpointDef> defs;
    private final TextGlob[] hosts;

    EndpointIndex(List<EndpointDef> defs) {
        this.defs = defs;
        this.hosts = defs.stream().map(d -> TextGlob.compile(d.host(), true)).toArray(TextGlob[]::new);
    }

    EndpointDef find(String host, int port) {
        if (host == null) {
            return null;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        EndpointDef anyPort = null;
        for (int i = 0; i < hosts.length; i++) {
            EndpointDef d = defs.get(i);
            if (!hosts[i].matches(h) && !hosts[i].matches(host)) {
                continue;
            }
            if (d.port() == port && port >= 0) {
                return d;
            }
            if (d.port() < 0 && anyPort == null) {
                anyPort = d;
            }
        }
        return anyPort;
    }
}
