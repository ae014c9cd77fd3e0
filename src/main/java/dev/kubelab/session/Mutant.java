package dev.kubelab.session;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A generic way to break what a check depends on, with no lesson author writing it. Applied in
 * a slice where the check passes (the step's solution ran); afterwards the check must stop
 * passing: a mutant under which it still passes has survived, and the check did not check what it
 * says. Each mutant can be undone, so one slice serves all of a check's mutants.
 */
public enum Mutant {

    /** An ingress deny-all on the target's pods (only where NetworkPolicy is enforced). */
    DENY_INGRESS("deny-ingress", "a deny-all ingress NetworkPolicy on the target's pods"),
    /** The target Service deleted. */
    DELETE_SERVICE("delete-service", "the target Service deleted"),
    /** The target's workloads scaled to zero, their pods gone. */
    SCALE_TO_ZERO("scale-to-zero", "the target's workloads scaled to zero"),
    /** The target Service forwards to a port nothing listens on (its pods and name unchanged). */
    CHANGE_PORT("change-port", "the target Service's targetPorts moved to port " + Mutant.UNUSED_PORT),
    /** The target Service's selector matches none of its pods: the learner's most common Service mistake. */
    SELECTOR_MISMATCH("selector-mismatch", "the target Service's selector also asks for a label its pods lack"),
    /**
     * The target's pods deleted, and recreated by their controllers: an <em>equivalent</em> mutant. Pods are
     * replaced all the time (rollouts, evictions), so the check must pass again: one that does not depends on
     * one pod instance (an IP read once, a pod name), not on what the step built.
     */
    RECREATE_POD("recreate-pod", "the target's pods deleted and recreated by their controllers");

    static final String POLICY = "kubelab-mutant-deny-ingress";
    /** tcpmux: nothing in a lesson listens there. */
    static final int UNUSED_PORT = 1;
    static final String ABSENT_LABEL = "kubelab.dev/mutant";

    private final String id;
    private final String description;

    Mutant(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** An equivalent mutant changes nothing the check is about: the check must pass again, not stop passing. */
    public boolean equivalent() {
        return this == RECREATE_POD;
    }

    /** Whether this mutant can break anything of these targets. */
    boolean applies(MutantTargets.Found found, boolean policiesEnforced) {
        return switch (this) {
            case DENY_INGRESS -> policiesEnforced && found.anyConnected();
            case DELETE_SERVICE -> !found.services().isEmpty();
            case SCALE_TO_ZERO -> found.anyConnected();
            // a headless Service's clients connect to the pods' own ports: its targetPort changes nothing
            case CHANGE_PORT -> found.services().stream().anyMatch(t -> t.connected() && !t.selector().isEmpty() && !t.headless());
            case SELECTOR_MISMATCH -> found.services().stream().anyMatch(t -> t.connected() && !t.selector().isEmpty());
            case RECREATE_POD -> found.anyConnected();
        };
    }

    /** What {@link #apply} changed, to undo it: Services deleted or edited (as they were), workloads' replicas. */
    record Applied(List<Service> deletedServices, Map<String, Integer> scaled, List<Service> editedServices, int recreated) {
        Applied(List<Service> deletedServices, Map<String, Integer> scaled, List<Service> editedServices) {
            this(deletedServices, scaled, editedServices, 0);
        }
    }

    /** Breaks the targets and waits until the break has taken effect (Services gone, pods gone). */
    Applied apply(KubernetesClient client, MutantTargets.Found found) throws InterruptedException {
        List<Service> deleted = new ArrayList<>();
        List<Service> edited = new ArrayList<>();
        Map<String, Integer> scaled = new java.util.LinkedHashMap<>();
        switch (this) {
            case CHANGE_PORT, SELECTOR_MISMATCH -> {
                for (var t : found.services()) {
                    if (!t.connected() || t.selector().isEmpty() || this == CHANGE_PORT && t.headless()) {
                        continue;
                    }
                    Service s = client.services().inNamespace(t.namespace()).withName(t.service()).get();
                    if (s != null) {
                        edited.add(s);
                        client.services().inNamespace(t.namespace()).withName(t.service()).edit(x -> {
                            if (this == CHANGE_PORT) {
                                x.getSpec().getPorts().forEach(p -> p.setTargetPort(new IntOrString(UNUSED_PORT)));
                            } else {
                                x.getSpec().getSelector().put(ABSENT_LABEL, "absent");
                            }
                            return x;
                        });
                    }
                }
            }
            case DENY_INGRESS -> {
                for (var t : found.services()) {
                    if (t.connected() && !t.selector().isEmpty()) {
                        denyIngress(client, t.namespace(), t.selector());
                    }
                }
                for (var p : found.pods()) {
                    denyIngress(client, p.namespace(), p.labels());
                }
            }
            case DELETE_SERVICE -> {
                for (var t : found.services()) {
                    Service s = client.services().inNamespace(t.namespace()).withName(t.service()).get();
                    if (s != null) {
                        deleted.add(s);
                        client.services().inNamespace(t.namespace()).withName(t.service()).delete();
                    }
                }
                for (Service s : deleted) {
                    await(() -> client.services().inNamespace(s.getMetadata().getNamespace())
                            .withName(s.getMetadata().getName()).get() == null, Duration.ofSeconds(30));
                }
            }
            case RECREATE_POD -> {
                int recreated = 0;
                for (var sel : targetSelectors(found)) {
                    // only pods a controller brings back; a bare pod deleted would be a different mutant
                    List<io.fabric8.kubernetes.api.model.Pod> owned = client.pods().inNamespace(sel.getKey()).withLabels(sel.getValue())
                            .list().getItems().stream().filter(pod -> pod.getMetadata().getOwnerReferences() != null
                                    && !pod.getMetadata().getOwnerReferences().isEmpty()).toList();
                    for (var pod : owned) {
                        client.pods().inNamespace(sel.getKey()).withName(pod.getMetadata().getName()).withGracePeriod(0).delete();
                        recreated++;
                    }
                }
                return new Applied(deleted, scaled, edited, recreated);
            }
            case SCALE_TO_ZERO -> {
                List<Map.Entry<String, Map<String, String>>> selectors = targetSelectors(found);
                for (var sel : selectors) {
                    scaleDown(client, sel.getKey(), sel.getValue(), scaled);
                }
                for (var sel : selectors) {
                    // the pods go at once, not after their grace period: the break is the absence of the pods
                    client.pods().inNamespace(sel.getKey()).withLabels(sel.getValue()).withGracePeriod(0).delete();
                }
                for (var sel : selectors) {
                    await(() -> client.pods().inNamespace(sel.getKey()).withLabels(sel.getValue()).list().getItems().isEmpty(),
                            Duration.ofSeconds(60));
                }
            }
        }
        return new Applied(deleted, scaled, edited);
    }

    /** Undoes {@link #apply}: the policy removed, the Service recreated or restored, the workloads scaled back. */
    void undo(KubernetesClient client, MutantTargets.Found found, Applied applied) {
        switch (this) {
            case CHANGE_PORT, SELECTOR_MISMATCH -> {
                for (Service was : applied.editedServices()) {
                    client.services().inNamespace(was.getMetadata().getNamespace()).withName(was.getMetadata().getName()).edit(x -> {
                        x.getSpec().setPorts(was.getSpec().getPorts());
                        x.getSpec().setSelector(was.getSpec().getSelector());
                        return x;
                    });
                }
            }
            case DENY_INGRESS -> {
                for (var t : found.services()) {
                    client.network().v1().networkPolicies().inNamespace(t.namespace()).withName(POLICY).delete();
                }
                for (var p : found.pods()) {
                    client.network().v1().networkPolicies().inNamespace(p.namespace()).withName(POLICY).delete();
                }
            }
            case DELETE_SERVICE -> {
                for (Service s : applied.deletedServices()) {
                    s.getMetadata().setResourceVersion(null);
                    s.getMetadata().setUid(null);
                    s.getMetadata().setCreationTimestamp(null);
                    s.getMetadata().setManagedFields(null);
                    s.setStatus(null);
                    // the same ClusterIP again where it is free, so values read before still hold; else a new one
                    try {
                        client.services().inNamespace(s.getMetadata().getNamespace()).resource(s).create();
                    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                        if (!"None".equals(s.getSpec().getClusterIP())) {
                            s.getSpec().setClusterIP(null);
                            s.getSpec().setClusterIPs(null);
                        }
                        client.services().inNamespace(s.getMetadata().getNamespace()).resource(s).create();
                    }
                }
            }
            case RECREATE_POD -> {
                // the controllers made new pods: nothing to undo
            }
            case SCALE_TO_ZERO -> applied.scaled().forEach((key, replicas) -> {
                String[] k = key.split("/", 3);
                if (k[0].equals("Deployment")) {
                    client.apps().deployments().inNamespace(k[1]).withName(k[2]).scale(replicas);
                } else {
                    client.apps().statefulSets().inNamespace(k[1]).withName(k[2]).scale(replicas);
                }
            });
        }
    }

    /**
     * Whether a NetworkPolicy of the lesson already selects a target's pods for ingress. Policies only
     * add allowances: a deny-all beside one that allows changes nothing, so the mutant would be
     * equivalent to no mutant at all.
     */
    static boolean alreadyIsolated(KubernetesClient client, MutantTargets.Found found) {
        for (var t : found.services()) {
            if (!t.connected()) {
                continue;
            }
            for (NetworkPolicy p : client.network().v1().networkPolicies().inNamespace(t.namespace()).list().getItems()) {
                if (POLICY.equals(p.getMetadata().getName()) || p.getSpec() == null) {
                    continue;
                }
                boolean ingress = p.getSpec().getPolicyTypes() == null || p.getSpec().getPolicyTypes().isEmpty()
                        || p.getSpec().getPolicyTypes().contains("Ingress");
                Map<String, String> selects = p.getSpec().getPodSelector() == null ? Map.of()
                        : p.getSpec().getPodSelector().getMatchLabels() == null ? Map.of() : p.getSpec().getPodSelector().getMatchLabels();
                boolean expressions = p.getSpec().getPodSelector() != null && p.getSpec().getPodSelector().getMatchExpressions() != null
                        && !p.getSpec().getPodSelector().getMatchExpressions().isEmpty();
                if (ingress && !expressions && t.selector().entrySet().containsAll(selects.entrySet())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The pods a check reached: each connected Service's selector, and each pod reached by its IP or name. */
    private static List<Map.Entry<String, Map<String, String>>> targetSelectors(MutantTargets.Found found) {
        List<Map.Entry<String, Map<String, String>>> selectors = new ArrayList<>();
        for (var t : found.services()) {
            if (t.connected() && !t.selector().isEmpty()) {
                selectors.add(Map.entry(t.namespace(), t.selector()));
            }
        }
        for (var p : found.pods()) {
            selectors.add(Map.entry(p.namespace(), p.labels()));
        }
        return selectors;
    }

    private static void denyIngress(KubernetesClient client, String ns, Map<String, String> labels) {
        NetworkPolicy deny = new NetworkPolicyBuilder().withNewMetadata().withName(POLICY).withNamespace(ns)
                .addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB).endMetadata()
                .withNewSpec().withNewPodSelector().withMatchLabels(labels).endPodSelector()
                .withPolicyTypes("Ingress").endSpec().build();
        client.network().v1().networkPolicies().inNamespace(ns).resource(deny).createOr(r -> r.update());
    }

    /** Scales to zero every Deployment and StatefulSet whose pods carry these labels; remembers the replicas. */
    private static void scaleDown(KubernetesClient client, String ns, Map<String, String> labels, Map<String, Integer> scaled) {
        for (Deployment d : client.apps().deployments().inNamespace(ns).list().getItems()) {
            if (selects(d.getSpec().getSelector().getMatchLabels(), labels) && !scaled.containsKey("Deployment/" + ns + "/" + d.getMetadata().getName())) {
                scaled.put("Deployment/" + ns + "/" + d.getMetadata().getName(), d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas());
                client.apps().deployments().inNamespace(ns).withName(d.getMetadata().getName()).scale(0);
            }
        }
        for (StatefulSet s : client.apps().statefulSets().inNamespace(ns).list().getItems()) {
            if (selects(s.getSpec().getSelector().getMatchLabels(), labels) && !scaled.containsKey("StatefulSet/" + ns + "/" + s.getMetadata().getName())) {
                scaled.put("StatefulSet/" + ns + "/" + s.getMetadata().getName(), s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas());
                client.apps().statefulSets().inNamespace(ns).withName(s.getMetadata().getName()).scale(0);
            }
        }
    }

    /** A workload's selector picks pods with these labels (the target's selector, or a pod's labels). */
    private static boolean selects(Map<String, String> workloadSelector, Map<String, String> labels) {
        if (workloadSelector == null || workloadSelector.isEmpty()) {
            return false;
        }
        // the Service's selector and the workload's overlap: every key they share agrees, and they share one
        boolean shared = false;
        for (var e : workloadSelector.entrySet()) {
            if (labels.containsKey(e.getKey())) {
                if (!labels.get(e.getKey()).equals(e.getValue())) {
                    return false;
                }
                shared = true;
            }
        }
        return shared;
    }

    private interface Condition {
        boolean holds();
    }

    private static void await(Condition c, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!c.holds() && System.nanoTime() < deadline) {
            Thread.sleep(300);
        }
    }
}
