package dev.kubelab.session;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.kubelab.kube.PodExec;
import dev.kubelab.kube.ProcessResult;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's DNS domain ({@code cluster.local} by default, another on many managed clusters), read
 * live for {@code ${cluster:domain}}: from the kubelet's configuration (needs node proxy rights), else from
 * a lesson pod's resolv.conf search list ({@code svc.DOMAIN}); the default only when neither can be read.
 */
public final class ClusterDomain {

    public static final String DEFAULT = "cluster.local";

    /** What was read, and how: a learner told "assumed" knows the names may not resolve. */
    public record Reading(String domain, String source) {
        public boolean assumed() {
            return source == null;
        }
    }

    private static final Map<String, Reading> KNOWN = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterDomain() {
    }

    /** @param cacheKey identifies the cluster (kubeconfig and context): the domain never changes while it runs */
    public static Reading read(String cacheKey, KubernetesClient client, List<String> namespaces) {
        Reading known = KNOWN.get(cacheKey);
        if (known != null) {
            return known;
        }
        Reading r = fromKubelet(client);
        if (r == null) {
            r = fromPods(client, namespaces);
        }
        if (r == null) {
            return new Reading(DEFAULT, null); // not cached: a pod started later can still tell
        }
        KNOWN.put(cacheKey, r);
        return r;
    }

    private static Reading fromKubelet(KubernetesClient client) {
        try {
            List<Node> nodes = client.nodes().list().getItems();
            if (nodes.isEmpty()) {
                return null;
            }
            String name = nodes.get(0).getMetadata().getName();
            String body = client.raw("/api/v1/nodes/" + name + "/proxy/configz");
            if (body == null) {
                return null;
            }
            JsonNode domain = JSON.readTree(body).path("kubeletconfig").path("clusterDomain");
            return domain.isTextual() && !domain.asText().isBlank()
                    ? new Reading(strip(domain.asText()), "the kubelet's configuration on node " + name) : null;
        } catch (RuntimeException e) {
            return null; // forbidden (a workshop learner), or a kubelet that does not serve configz
        }
    }

    private static Reading fromPods(KubernetesClient client, List<String> namespaces) {
        for (String ns : namespaces) {
            try {
                for (Pod pod : client.pods().inNamespace(ns).list().getItems()) {
                    if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())
                            || Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
                        continue;
                    }
                    ProcessResult r = PodExec.exec(client, ns, pod.getMetadata().getName(), null, Duration.ofSeconds(5),
                            List.of("cat", "/etc/resolv.conf"));
                    String domain = fromResolvConf(r.stdout());
                    if (domain != null) {
                        return new Reading(domain, "the search list in pod " + ns + "/" + pod.getMetadata().getName());
                    }
                }
            } catch (KubernetesClientException | java.util.concurrent.ExecutionException e) {
                // next namespace
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** The DOMAIN of a {@code svc.DOMAIN} search entry, or null. */
    static String fromResolvConf(String text) {
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length > 1 && f[0].equals("search")) {
                for (int i = 1; i < f.length; i++) {
                    String d = strip(f[i]);
                    if (d.startsWith("svc.") && d.length() > 4) {
                        return d.substring(4);
                    }
                }
            }
        }
        return null;
    }

    private static String strip(String d) {
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
