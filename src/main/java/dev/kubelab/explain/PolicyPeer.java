package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One end of a connection as a NetworkPolicy sees it: a pod (namespace, name, labels, its namespace's labels,
 * IP and container ports) or, with a null name, a bare address such as a node or an external host.
 *
 * @param namespaceLabels null when the namespace's labels could not be read; a namespaceSelector then cannot be
 *                        decided for this peer
 * @param ports           the pod's container ports, to resolve named ports in policy port entries
 */
public record PolicyPeer(String namespace, String name, Map<String, String> podLabels,
                         Map<String, String> namespaceLabels, String ip, List<ContainerPort> ports) {

    public PolicyPeer {
        // sorted copies: reasons print label maps, and they should read the same every time
        podLabels = podLabels == null ? null : Collections.unmodifiableMap(new TreeMap<>(podLabels));
        namespaceLabels = namespaceLabels == null ? null : Collections.unmodifiableMap(new TreeMap<>(namespaceLabels));
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** A pod, with its namespace's labels when {@code ns} is given (null = the labels could not be read). */
    public static PolicyPeer of(Pod pod, Namespace ns) {
        var meta = pod.getMetadata();
        Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
        Map<String, String> nsLabels = null;
        if (ns != null) {
            nsLabels = ns.getMetadata() == null || ns.getMetadata().getLabels() == null
                    ? Map.of() : ns.getMetadata().getLabels();
        }
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        List<ContainerPort> ports = new ArrayList<>();
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            for (Container c : pod.getSpec().getContainers()) {
                if (c.getPorts() != null) {
                    ports.addAll(c.getPorts());
                }
            }
        }
        return new PolicyPeer(meta.getNamespace(), meta.getName(), labels, nsLabels, ip, ports);
    }

    /** Something that is not a pod (a node, a host outside the cluster): only ipBlock peers can match it. */
    public static PolicyPeer address(String ip) {
        return new PolicyPeer(null, null, null, null, ip, List.of());
    }

    /** Whether this is a pod; pod and namespace selectors match only pods. */
    public boolean isPod() {
        return name != null && podLabels != null;
    }

    /** "namespace/name" for a pod, the IP otherwise. */
    public String describe() {
        if (name == null) {
            return ip == null ? "an unknown address" : ip;
        }
        return namespace + "/" + name;
    }
}
