package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Why a name did not resolve: the DNS server unreachable (often an egress policy), or no such Service. */
final class DnsDiagnosis {

    Finding timedOut(Scene s, List<String> evidence) {
        String server = s.resolver.nameservers().isEmpty() ? "?" : s.resolver.nameservers().get(0);
        try {
            List<NetworkPolicy> policies = s.read("NetworkPolicies in " + s.clientNamespace(),
                    () -> s.api.network().v1().networkPolicies().inNamespace(s.clientNamespace()).list().getItems());
            Namespace clientNs = readNamespace(s, s.clientNamespace());
            PolicyPeer client = PolicyPeer.of(s.clientPod, clientNs);
            PolicyPeer dns = dnsServer(s, server);
            PolicyDecision udp = PolicyEvaluator.egress(policies, client, dns, 53, "UDP");
            evidence.add(udp.summary());
            if (udp.outcome() == PolicyDecision.Outcome.DENIED) {
                return Finding.broken(Layer.DNS, "lookups time out: an egress NetworkPolicy selects the client and admits no DNS "
                                + "to " + server + " (UDP 53): " + String.join("; ", udp.selectingPolicies()), evidence,
                        "let the client's egress policy admit DNS: port 53, UDP and TCP, to the cluster DNS pods");
            }
        } catch (Scene.Unreadable e) {
            evidence.add(e.getMessage());
        }
        return Finding.broken(Layer.DNS, "lookups time out: the DNS server " + server + " does not answer the client", evidence,
                "check the path to the cluster DNS: its pods, the kube-dns Service, and policies on the way");
    }

    /** The DNS server as NetworkPolicy sees it: one of the pods behind the Service at that ClusterIP, else just the IP. */
    private static PolicyPeer dnsServer(Scene s, String ip) {
        try {
            Service svc = s.api.services().inNamespace("kube-system").withName("kube-dns").get();
            if (svc != null && ip.equals(svc.getSpec().getClusterIP()) && svc.getSpec().getSelector() != null) {
                Pod pod = s.api.pods().inNamespace("kube-system").withLabels(svc.getSpec().getSelector()).list().getItems()
                        .stream().filter(Pods::running).findFirst().orElse(null);
                if (pod != null) {
                    return PolicyPeer.of(pod, s.api.namespaces().withName("kube-system").get());
                }
            }
        } catch (io.fabric8.kubernetes.client.KubernetesClientException forbidden) {
            // judged by its IP alone
        }
        return new PolicyPeer(null, null, null, null, ip, List.of());
    }

    static Namespace readNamespace(Scene s, String name) {
        try {
            return s.read("namespace " + name, () -> s.api.namespaces().withName(name).get());
        } catch (Scene.Unreadable e) {
            return null;
        }
    }

    Finding noSuchName(Scene s, List<String> candidates, List<String> evidence) {
        String domain = s.resolver.clusterDomain();
        List<ServiceName> meant = candidates.stream().map(c -> ServiceName.of(c, domain))
                .filter(n -> n != null && n.podHostname() == null).toList();
        if (meant.isEmpty()) {
            return Finding.broken(Layer.DNS, s.to.host() + " does not resolve, and no name the resolver tried is a Service name "
                    + "(NAME.NAMESPACE.svc." + (domain == null ? "DOMAIN" : domain) + ")", evidence, "correct the name");
        }
        // the namespace the learner meant: the first candidate whose namespace exists
        ServiceName intended = meant.stream().filter(n -> namespaceExists(s, n.namespace())).findFirst().orElse(meant.get(0));
        s.named = intended;
        String ns = intended.namespace();
        String name = intended.service();
        boolean shortName = !s.to.host().contains(".");
        try {
            if (!namespaceExists(s, ns)) {
                return Finding.broken(Layer.DNS, s.to.host() + " does not resolve: there is no namespace " + ns, evidence,
                        "correct the namespace part of the name");
            }
            Service exact = s.read("Services in " + ns, () -> s.api.services().inNamespace(ns).withName(name).get());
            if (exact != null) {
                return Finding.broken(Layer.DNS, "Service " + ns + "/" + name + " exists but the cluster DNS has no record for "
                        + s.to.host(), evidence, "check the cluster DNS (CoreDNS) and its cluster domain");
            }
            List<String> elsewhere = sameNameElsewhere(s, name, ns);
            if (shortName && !elsewhere.isEmpty()) {
                return Finding.broken(Layer.DNS, "a short name only finds Services in the client's own namespace (" + ns
                        + "), and " + name + " is a Service in " + String.join(", ", elsewhere), evidence,
                        "name the Service with its namespace: NAME.NAMESPACE");
            }
            String similar = closestService(s, ns, name);
            if (similar != null) {
                return Finding.broken(Layer.DNS, "no Service " + name + " in namespace " + ns + "; did you mean " + similar + "?",
                        evidence, "correct the Service name");
            }
            String workload = workloadNamed(s, ns, name);
            if (workload != null) {
                return Finding.broken(Layer.DNS, "no Service " + name + " in namespace " + ns + ", though " + workload
                        + " runs there: pods get a stable name only through a Service", evidence, "create a Service for the workload");
            }
            return Finding.broken(Layer.DNS, "no Service " + name + " in namespace " + ns
                    + (elsewhere.isEmpty() ? "" : " (one exists in " + String.join(", ", elsewhere) + ")"), evidence,
                    "correct the name, or create the Service");
        } catch (Scene.Unreadable e) {
            evidence.add(e.getMessage());
            return Finding.broken(Layer.DNS, s.to.host() + " does not resolve (no Service " + ns + "/" + name + " answers)", evidence,
                    "correct the name, or create the Service");
        }
    }

    private static boolean namespaceExists(Scene s, String ns) {
        try {
            return s.read("namespace " + ns, () -> s.api.namespaces().withName(ns).get()) != null;
        } catch (Scene.Unreadable e) {
            return true; // cannot tell: take the name at its word
        }
    }

    private static List<String> sameNameElsewhere(Scene s, String name, String except) {
        try {
            return s.read("Services in all namespaces", () -> s.api.services().inAnyNamespace()
                            .withField("metadata.name", name).list().getItems()).stream()
                    .map(svc -> svc.getMetadata().getNamespace()).filter(n -> !n.equals(except)).sorted().toList();
        } catch (Scene.Unreadable e) {
            return List.of();
        }
    }

    private static String closestService(Scene s, String ns, String name) throws Scene.Unreadable {
        List<Service> services = s.read("Services in " + ns, () -> s.api.services().inNamespace(ns).list().getItems());
        return services.stream().map(svc -> svc.getMetadata().getName())
                .filter(n -> Names.nearMiss(n, name))
                .min(Comparator.comparingInt(n -> Names.distance(n, name))).orElse(null);
    }

    private static String workloadNamed(Scene s, String ns, String name) throws Scene.Unreadable {
        List<String> found = new ArrayList<>();
        if (s.read("Deployments in " + ns, () -> s.api.apps().deployments().inNamespace(ns).withName(name).get()) != null) {
            found.add("Deployment " + name);
        }
        if (s.read("StatefulSets in " + ns, () -> s.api.apps().statefulSets().inNamespace(ns).withName(name).get()) != null) {
            found.add("StatefulSet " + name);
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
