package dev.kubelab.session;

import dev.kubelab.probe.Observation;
import dev.kubelab.probe.OutputParsers;
import dev.kubelab.probe.PodRef;
import dev.kubelab.probe.ProbeSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a passing check depends on, read from its evidence: the Services (and the pods behind
 * them) that its probes connected to, resolved or read. A generic mutant breaks these; a check
 * that still passes was not checking what it says.
 *
 * <p>Connection targets (tcp, http, httpBody, ping hosts, names or IPs) are what a "reaches X"
 * or "X is blocked" check is about: they get every mutant. Services a check only reads (a DNS
 * answer, a field, its endpoints) get only "delete the Service": scaling their pods away need not
 * change a name or a field.
 */
public final class MutantTargets {

    /**
     * A Service a check depends on, in a physical namespace of the slice; {@code connected}: a probe
     * opened a connection to it; {@code headless}: no ClusterIP (clients connect to the pods directly).
     */
    public record Target(String namespace, String service, Map<String, String> selector, boolean connected, boolean headless) {
    }

    /** A pod a probe connected to by its own IP, behind no Service the check named. */
    public record PodTarget(String namespace, String pod, Map<String, String> labels) {
    }

    /** All of a check's targets. */
    public record Found(List<Target> services, List<PodTarget> pods) {
        public boolean isEmpty() {
            return services.isEmpty() && pods.isEmpty();
        }

        public boolean anyConnected() {
            return !pods.isEmpty() || services.stream().anyMatch(Target::connected);
        }
    }

    private MutantTargets() {
    }

    /** The targets of a check from its passing evidence; only Services and pods in {@code namespaces} count. */
    public static Found of(List<Observation> evidence, List<String> namespaces, KubernetesClient client) {
        Map<String, Target> services = new LinkedHashMap<>();
        Set<String> podKeys = new LinkedHashSet<>();
        List<PodTarget> pods = new ArrayList<>();
        for (Observation o : evidence) {
            ProbeSpec p = o.probe();
            String host = null;
            PodRef from = null;
            if (p instanceof ProbeSpec.TcpConnect t) {
                host = OutputParsers.hostPort(t).host();
                from = t.from();
            } else if (p instanceof ProbeSpec.TcpResult t) {
                host = OutputParsers.hostPort(new ProbeSpec.TcpConnect(t.from(), t.host(), t.port(), 1)).host();
                from = t.from();
            } else if (p instanceof ProbeSpec.HttpGet h) {
                host = OutputParsers.hostPort(new ProbeSpec.TcpConnect(h.from(), h.url(), "", 1)).host();
                from = h.from();
            } else if (p instanceof ProbeSpec.HttpBodies h) {
                host = OutputParsers.hostPort(new ProbeSpec.TcpConnect(h.from(), h.url(), "", 1)).host();
                from = h.from();
            } else if (p instanceof ProbeSpec.HttpBody h) {
                host = OutputParsers.hostPort(new ProbeSpec.TcpConnect(h.from(), h.url(), "", 1)).host();
                from = h.from();
            } else if (p instanceof ProbeSpec.Ping g) {
                host = g.host();
                from = g.from();
            } else if (p instanceof ProbeSpec.DnsLookup d) {
                byName(d.name(), d.from() == null ? null : d.from().namespace(), namespaces, client, false, services);
            } else if (p instanceof ProbeSpec.ServiceField f) {
                service(f.namespace(), f.name(), namespaces, client, false, services);
            } else if (p instanceof ProbeSpec.EndpointAddresses e) {
                service(e.namespace(), e.service(), namespaces, client, false, services);
            }
            if (host == null || host.isBlank()) {
                continue;
            }
            host = host.strip().toLowerCase(Locale.ROOT);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (OutputParsers.looksLikeIp(host)) {
                byIp(host, namespaces, client, services, podKeys, pods);
            } else {
                byName(host, from == null ? null : from.namespace(), namespaces, client, true, services);
            }
        }
        return new Found(List.copyOf(services.values()), pods);
    }

    /**
     * {@code svc}, {@code svc.ns}, {@code svc.ns.svc...}, and a pod's name under a headless Service,
     * {@code pod.svc} or {@code pod.svc.ns...}; a name without its namespace is the client's. The first
     * reading that names an existing Service of the lesson wins.
     */
    private static void byName(String name, String clientNs, List<String> namespaces, KubernetesClient client, boolean connected,
                               Map<String, Target> services) {
        String[] labels = name.replaceAll("\\.$", "").split("\\.");
        if (labels.length == 0 || labels[0].isEmpty()) {
            return;
        }
        List<String[]> readings = new ArrayList<>();
        readings.add(new String[] {labels[0], labels.length >= 2 ? labels[1] : clientNs});
        if (labels.length >= 2) {
            readings.add(new String[] {labels[1], labels.length >= 3 ? labels[2] : clientNs});
        }
        for (String[] r : readings) {
            if (service(r[1], r[0], namespaces, client, connected, services)) {
                return;
            }
        }
    }

    private static boolean service(String ns, String name, List<String> namespaces, KubernetesClient client, boolean connected,
                                   Map<String, Target> services) {
        if (ns == null || name == null || !namespaces.contains(ns)) {
            return false;
        }
        Service s = client.services().inNamespace(ns).withName(name).get();
        if (s == null) {
            return false;
        }
        put(services, s, connected);
        return true;
    }

    private static void put(Map<String, Target> services, Service s, boolean connected) {
        String key = s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
        Target old = services.get(key);
        Map<String, String> selector = s.getSpec().getSelector() == null ? Map.of() : Map.copyOf(s.getSpec().getSelector());
        services.put(key, new Target(s.getMetadata().getNamespace(), s.getMetadata().getName(), selector,
                connected || (old != null && old.connected()), "None".equals(s.getSpec().getClusterIP())));
    }

    private static void byIp(String ip, List<String> namespaces, KubernetesClient client, Map<String, Target> services,
                             Set<String> podKeys, List<PodTarget> pods) {
        for (String ns : namespaces) {
            for (Service s : client.services().inNamespace(ns).list().getItems()) {
                if (ip.equals(s.getSpec().getClusterIP())) {
                    put(services, s, true);
                    return;
                }
            }
        }
        for (String ns : namespaces) {
            for (Pod pod : client.pods().inNamespace(ns).list().getItems()) {
                if (pod.getStatus() != null && ip.equals(pod.getStatus().getPodIP())
                        && podKeys.add(ns + "/" + pod.getMetadata().getName())) {
                    pods.add(new PodTarget(ns, pod.getMetadata().getName(),
                            pod.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(pod.getMetadata().getLabels())));
                    return;
                }
            }
        }
    }
}
