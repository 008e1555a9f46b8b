package dev.cordon.policy.load;

import dev.cordon.policy.EndpointDef;
import dev.cordon.policy.glob.TextGlob;
import dev.cordon.policy.tree.MapNode;
import dev.cordon.policy.tree.Node;
import dev.cordon.policy.tree.ScalarNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code endpoints} section (spec 6). Returns null when the section is absent, so the
 * policy can tell "no allow-list" from "an empty allow-list" (which denies all AI egress to
 * hosts not listed). Without {@code tls}, an entry requires TLS unless its host is loopback.
 * Internal.
 */
final class EndpointsReader {
    private static final Set<String> KEYS = Set.of("host", "port", "provider", "tls");

    private EndpointsReader() { }

    static List<EndpointDef> read(Node section, Problems problems) {
        if (section == null) {
            return null;
        }
        List<EndpointDef> out = new ArrayList<>();
        Map<String, ScalarNode> seen = new HashMap<>();
        List<MapNode> items = Items.of(section, "endpoints", problems);
        for (int i = 0; i < items.size(); i++) {
            MapNode item = items.get(i);
            String where = "endpoints entry " + (i + 1);
            Fields f = new Fields(item, where, problems, KEYS);
            ScalarNode host = f.scalar("host", true);
            boolean ok = host != null && host(host, problems);
            Long port = f.integer("port", 1);
            ok &= port != null || !f.has("port");
            if (port != null && port > 65535) {
                problems.at(f.node("port"), "'port' in " + where + " must be at most 65535, found " + port);
                ok = false;
            }
            String provider = ModelsReader.provider(f, "provider", problems, false, false);
            ok &= provider != null || !f.has("provider");
            EndpointDef.Tls tls = null;
            ScalarNode t = f.scalar("tls", false);
            if (t != null) {
                String v = t.text().toLowerCase(Locale.ROOT);
                tls = v.equals("required") ? EndpointDef.Tls.REQUIRED : v.equals("optional") ? EndpointDef.Tls.OPTIONAL : null;
                if (tls == null) {
                    problems.at(t, "'tls' in " + where + " must be required or optional, found '" + t.text() + "'");
                    ok = false;
                }
            }
            if (ok) {
                String key = host.text().toLowerCase(Locale.ROOT) + ":" + (port == null ? "*" : port);
                ScalarNode first = seen.putIfAbsent(key, host);
                if (first != null) {
                    problems.at(host, "duplicate endpoint '" + host.text() + (port == null ? "" : ":" + port)
                        + "' (first listed at line " + first.line() + ")");
                    continue;
                }
                if (tls == null) {
                    tls = isLoopback(host.text()) ? EndpointDef.Tls.OPTIONAL : EndpointDef.Tls.REQUIRED;
                }
                out.add(new EndpointDef(host.text(), port == null ? -1 : port.intValue(), provider, tls));
            }
        }
        return out;
    }

    private static boolean host(ScalarNode host, Problems problems) {
        String h = host.text();
        String why = TextGlob.check(h);
        if (why == null && h.contains("://")) {
            why = "write the host only, without a scheme (tls: required covers https)";
        } else if (why == null && (h.indexOf('/') >= 0 || h.indexOf(' ') >= 0)) {
            why = "write the host only, without a path or spaces";
        } else if (why == null && h.indexOf(':') >= 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            why = "put the port under 'port'";
        }
        if (why != null) {
            problems.at(host, "malformed host '" + h + "': " + why);
            return false;
        }
        return true;
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }
}
