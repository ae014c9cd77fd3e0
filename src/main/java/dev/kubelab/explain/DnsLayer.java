package dev.kubelab.explain;

import dev.kubelab.kube.ProcessResult;
import dev.kubelab.probe.OutputParsers;
import io.fabric8.kubernetes.api.model.Service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The client's resolv.conf, and the DNS answer as the client's own resolver gets it, candidate by candidate. */
final class DnsLayer {

    /** Seconds one lookup may take: an unanswered query otherwise waits glibc's 5 s per try. */
    static final int LOOKUP_SECONDS = 2;

    /**
     * Looks up each name in turn with getent (the C library's resolver, as apps use it) or, without
     * it, nslookup; stops after the first timeout (the server is not answering, the rest would too).
     * Names arrive as arguments, never inside the script.
     */
    private static final String LOOKUP_SCRIPT = """
            tool=getent; command -v getent >/dev/null 2>&1 || tool=nslookup
            echo "@@tool $tool"
            for n do
              echo "@@name $n"
              if [ $tool = getent ]; then timeout %1$d getent hosts "$n"; else timeout %1$d nslookup "$n"; fi
              rc=$?; echo "@@rc $rc"
              case $rc in 124|137|143) break;; esac
            done
            """.formatted(LOOKUP_SECONDS);

    record Lookup(List<String> addresses, boolean timedOut) {
    }

    private final DnsDiagnosis diagnosis = new DnsDiagnosis();

    List<Finding> examine(Scene s) {
        List<Finding> out = new ArrayList<>();
        try {
            ProcessResult r = s.shell.run(s.clientPod, Duration.ofSeconds(5), List.of("cat", "/etc/resolv.conf"));
            s.resolver = ResolverConfig.parse(r.stdout());
            out.add(resolvConf(s));
        } catch (PodShell.CannotRun e) {
            out.add(Finding.unknown(Layer.RESOLV_CONF, e.getMessage(), List.of()));
        }
        out.add(dns(s));
        return out;
    }

    private Finding resolvConf(Scene s) {
        ResolverConfig rc = s.resolver;
        List<String> evidence = new ArrayList<>(List.of(rc.describe()));
        if (rc.nameservers().isEmpty()) {
            return Finding.broken(Layer.RESOLV_CONF, "the client's /etc/resolv.conf names no nameserver", evidence,
                    "give the pod a DNS configuration (dnsPolicy ClusterFirst)");
        }
        String ns = rc.nameservers().get(0);
        String clusterDns;
        try {
            Service kubeDns = s.read("Service kube-system/kube-dns",
                    () -> s.api.services().inNamespace("kube-system").withName("kube-dns").get());
            clusterDns = kubeDns == null ? null : kubeDns.getSpec().getClusterIP();
        } catch (Scene.Unreadable e) {
            clusterDns = null;
            evidence.add(e.getMessage());
        }
        if (clusterDns != null) {
            evidence.add(ns.equals(clusterDns) ? "nameserver " + ns + " is the ClusterIP of kube-system/kube-dns"
                    : "nameserver " + ns + " is not kube-dns's ClusterIP " + clusterDns
                    + (ns.startsWith("169.254.") ? " (a node-local DNS cache, which forwards to it)" : ""));
        }
        if (rc.clusterDomain() == null) {
            return Finding.warning(Layer.RESOLV_CONF, "the search list has no svc.DOMAIN entry, so Service names will not "
                    + "resolve as short names (dnsPolicy Default, or hostNetwork without ClusterFirstWithHostNet?)", evidence);
        }
        return Finding.ok(Layer.RESOLV_CONF, "nameserver " + ns + ", cluster domain " + rc.clusterDomain() + ", ndots:" + rc.ndots(),
                evidence);
    }

    private Finding dns(Scene s) {
        if (s.to.hostIsIp()) {
            s.addresses = List.of(s.to.host());
            return Finding.skipped(Layer.DNS, s.to.host() + " is an IP address: no DNS lookup");
        }
        if (s.resolver == null) {
            return Finding.unknown(Layer.DNS, "cannot tell how the client resolves names without its resolv.conf", List.of());
        }
        List<String> candidates = s.resolver.candidates(s.to.host());
        List<String> argv = new ArrayList<>(List.of("sh", "-c", LOOKUP_SCRIPT, "sh", s.to.host()));
        argv.addAll(candidates);
        ProcessResult r;
        try {
            r = s.shell.run(s.clientPod, Duration.ofSeconds(LOOKUP_SECONDS * 2L + 4), argv);
        } catch (PodShell.CannotRun e) {
            return Finding.unknown(Layer.DNS, e.getMessage(), List.of());
        }
        String tool = r.stdout().contains("@@tool nslookup") ? "nslookup" : "getent";
        Map<String, Lookup> lookups = parse(r.stdout(), tool);
        Lookup written = lookups.get(s.to.host());
        if (written == null) {
            return Finding.unknown(Layer.DNS, "the lookup in the client did not run: " + r.combined(), List.of());
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("`" + tool + (tool.equals("getent") ? " hosts " : " ") + s.to.host() + "` in " + Pods.describe(s.clientPod)
                + (written.timedOut() ? ": no answer in " + LOOKUP_SECONDS + " s"
                : written.addresses().isEmpty() ? ": no address" : ": " + String.join(", ", written.addresses())));
        String answeredAs = null;
        int asked = 0;
        for (String c : candidates) {
            Lookup l = lookups.get(c);
            if (l == null) {
                break;
            }
            asked++;
            evidence.add("  tried " + c + " -> " + (l.timedOut() ? "no answer" : l.addresses().isEmpty() ? "no such name"
                    : String.join(", ", l.addresses())));
            if (!l.addresses().isEmpty()) {
                answeredAs = c;
                break;
            }
        }
        if (tool.equals("nslookup")) {
            evidence.add("(no getent in the image: busybox nslookup has its own resolver and applies the search list only "
                    + "to names without a dot, unlike the C library apps use)");
        }
        if (written.timedOut()) {
            s.nameUnresolved = true;
            return diagnosis.timedOut(s, evidence);
        }
        if (written.addresses().isEmpty()) {
            s.nameUnresolved = true;
            return diagnosis.noSuchName(s, candidates, evidence);
        }
        s.addresses = written.addresses();
        s.named = answeredAs == null ? null : ServiceName.of(answeredAs, s.resolver.clusterDomain());
        String via = answeredAs == null ? "" : " (as " + answeredAs + (asked > 1 ? ", the " + ordinal(asked)
                + " name the resolver asked: ndots:" + s.resolver.ndots() + " made it try " + (asked - 1) + " before it" : "") + ")";
        return Finding.ok(Layer.DNS, s.to.host() + " resolves to " + String.join(", ", written.addresses()) + via, evidence);
    }

    static Map<String, Lookup> parse(String out, String tool) {
        Map<String, Lookup> result = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : out.split("\n")) {
            if (line.startsWith("@@name ")) {
                name = line.substring(7).strip();
                body.setLength(0);
            } else if (line.startsWith("@@rc ") && name != null) {
                // coreutils timeout exits 124; busybox's reports the signal that ended the lookup (143, or 137 for KILL)
                boolean timedOut = java.util.Set.of("124", "137", "143").contains(line.substring(5).strip());
                List<String> ips = tool.equals("getent") ? OutputParsers.getentHosts(body.toString())
                        : OutputParsers.nslookup(body.toString());
                result.put(name, new Lookup(timedOut ? List.of() : ips, timedOut));
                name = null;
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        return result;
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "first";
            case 2 -> "second";
            case 3 -> "third";
            case 4 -> "fourth";
            default -> n + "th";
        };
    }
}
