package dev.kubelab.repl.snippet;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Helpers for the learner's Java snippets: imported statically into JShell, so {@code pods("garage")}
 * and {@code services("garage")} work as typed. Lives in a named package on the snippet class
 * path; the REPL points {@link #use} at the current lesson's client.
 */
public final class Lab {

    private static volatile Supplier<KubernetesClient> source = () -> null;
    private static volatile String noCluster = "no cluster is connected";

    private Lab() {
    }

    /** Called by the REPL when the lesson (and so the client) changes. */
    public static void use(Supplier<KubernetesClient> client, String whyNone) {
        source = client;
        noCluster = whyNone;
    }

    /** The fabric8 client of the lesson's cluster. */
    public static KubernetesClient client() {
        KubernetesClient c = source.get();
        if (c == null) {
            throw new IllegalStateException(noCluster);
        }
        return c;
    }

    /** The client, or null without a cluster (for the {@code client} variable). */
    public static KubernetesClient clientOrNull() {
        return source.get();
    }

    /** A pod as a row: name, IP, phase, node. */
    public record PodRow(String name, String ip, String phase, String node) {
        @Override
        public String toString() {
            return name + " " + Objects.toString(ip, "<no IP>") + " " + phase + (node == null ? "" : " on " + node);
        }
    }

    /** A Service as a row: name, type, cluster IP, ports. */
    public record ServiceRow(String name, String type, String clusterIP, String ports) {
        @Override
        public String toString() {
            return name + " " + type + " " + clusterIP + " " + ports;
        }
    }

    public static List<PodRow> pods(String namespace) {
        return client().pods().inNamespace(namespace).list().getItems().stream().map(Lab::row).toList();
    }

    public static List<String> podIPs(String namespace) {
        return pods(namespace).stream().map(PodRow::ip).filter(Objects::nonNull).toList();
    }

    public static List<ServiceRow> services(String namespace) {
        return client().services().inNamespace(namespace).list().getItems().stream().map(Lab::row).toList();
    }

    public static String clusterIP(String namespace, String service) {
        Service s = client().services().inNamespace(namespace).withName(service).get();
        if (s == null) {
            throw new IllegalArgumentException("no Service " + namespace + "/" + service);
        }
        return s.getSpec().getClusterIP();
    }

    /** Ready endpoint IPs of a Service (from its Endpoints object). */
    @SuppressWarnings("deprecation")
    public static List<String> endpoints(String namespace, String service) {
        var ep = client().endpoints().inNamespace(namespace).withName(service).get();
        if (ep == null || ep.getSubsets() == null) {
            return List.of();
        }
        return ep.getSubsets().stream().filter(s -> s.getAddresses() != null).flatMap(s -> s.getAddresses().stream())
                .map(EndpointAddress::getIp).sorted().toList();
    }

    static PodRow row(Pod p) {
        return new PodRow(p.getMetadata().getName(), p.getStatus() == null ? null : p.getStatus().getPodIP(),
                p.getStatus() == null ? "?" : p.getStatus().getPhase(), p.getSpec() == null ? null : p.getSpec().getNodeName());
    }

    static ServiceRow row(Service s) {
        String ports = s.getSpec().getPorts() == null ? "" : s.getSpec().getPorts().stream()
                .map(Lab::port).collect(Collectors.joining(","));
        return new ServiceRow(s.getMetadata().getName(), s.getSpec().getType(), s.getSpec().getClusterIP(), ports);
    }

    private static String port(ServicePort p) {
        return p.getPort() + (p.getTargetPort() == null ? "" : "→" + (p.getTargetPort().getIntVal() != null
                ? p.getTargetPort().getIntVal() : p.getTargetPort().getStrVal())) + "/" + p.getProtocol();
    }
}
