package dev.kubelab.explain;

import dev.kubelab.probe.OutputParsers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A client's /etc/resolv.conf, and the names its resolver tries for a name, in order. */
record ResolverConfig(List<String> nameservers, List<String> search, int ndots) {

    @SuppressWarnings("unchecked")
    static ResolverConfig parse(String text) {
        Map<String, Object> m = OutputParsers.resolvConf(text);
        return new ResolverConfig((List<String>) m.get("nameservers"), (List<String>) m.get("search"),
                ((Number) m.get("ndots")).intValue());
    }

    /**
     * The absolute names (trailing dot) glibc's stub resolver asks for, in order: a name ending in a
     * dot is already absolute; one with at least ndots dots is tried as-is first, then with each
     * search domain; one with fewer is tried with each search domain first. (musl tries a name with
     * ndots or more dots as-is only; the lookup shown is the client's own, this list is its evidence.)
     */
    List<String> candidates(String name) {
        if (name.endsWith(".")) {
            return List.of(name);
        }
        List<String> withSearch = new ArrayList<>();
        for (String domain : search) {
            withSearch.add(name + "." + stripDot(domain) + ".");
        }
        List<String> out = new ArrayList<>();
        long dots = name.chars().filter(c -> c == '.').count();
        if (dots >= ndots) {
            out.add(name + ".");
            out.addAll(withSearch);
        } else {
            out.addAll(withSearch);
            out.add(name + ".");
        }
        return out;
    }

    /**
     * The cluster domain, read from the search list ({@code svc.DOMAIN}) rather than assumed to be
     * cluster.local; null when the pod's search list does not show it (hostNetwork, dnsPolicy: Default).
     */
    String clusterDomain() {
        for (String s : search) {
            String d = stripDot(s);
            if (d.startsWith("svc.")) {
                return d.substring(4);
            }
        }
        return null;
    }

    String describe() {
        return "nameserver " + String.join(", ", nameservers) + "; search " + (search.isEmpty() ? "(none)" : String.join(" ", search))
                + "; ndots:" + ndots;
    }

    static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
