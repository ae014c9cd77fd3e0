package dev.kubelab.workshop;

import dev.kubelab.session.Manifests;
import dev.kubelab.session.WorkshopSlice;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps learners' pods apart: one AdminNetworkPolicy per learner denies connections into that
 * learner's namespaces from any other learner's (of this workshop or another one on the cluster).
 *
 * <p>Why not a NetworkPolicy: NetworkPolicies only add allowances, so a per-slice "allow from my own
 * namespaces" policy would be OR-ed with the NetworkPolicy lesson's own deny policies and undo
 * them. An AdminNetworkPolicy is evaluated before NetworkPolicies: its Deny cannot be undone by a
 * learner's policy, and traffic it does not match (the slice's own, DNS, everything else) passes on
 * to the NetworkPolicies untouched. It needs the policy.networking.k8s.io CRDs and an enforcer
 * that implements them; without the API, provision says the learners are not isolated.
 */
final class LearnerIsolation {

    static final ResourceDefinitionContext ADMIN_NETWORK_POLICY = new ResourceDefinitionContext.Builder()
            .withGroup("policy.networking.k8s.io").withVersion("v1alpha1").withKind("AdminNetworkPolicy")
            .withPlural("adminnetworkpolicies").withNamespaced(false).build();
    /** 0 is the highest precedence, 1000 the lowest: a cluster administrator's own policies come first. */
    static final int PRIORITY = 900;

    private LearnerIsolation() {
    }

    static String policyName(String workshop, String learner) {
        return "kubelab-" + workshop + "-" + learner + "-isolation";
    }

    static GenericKubernetesResource policy(String workshop, String learner) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("priority", PRIORITY);
        spec.put("subject", Map.of("namespaces", Map.of("matchLabels",
                Map.of(WorkshopSlice.WORKSHOP_LABEL, workshop, WorkshopSlice.LEARNER_LABEL, learner))));
        List<Map<String, Object>> from = List.of(
                // this workshop's other learners
                namespaces(requirement(WorkshopSlice.WORKSHOP_LABEL, "In", workshop),
                        requirement(WorkshopSlice.LEARNER_LABEL, "NotIn", learner)),
                // any other workshop's learners
                namespaces(requirement(WorkshopSlice.LEARNER_LABEL, "Exists", null),
                        requirement(WorkshopSlice.WORKSHOP_LABEL, "NotIn", workshop)));
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", "other-learners");
        rule.put("action", "Deny");
        rule.put("from", from);
        spec.put("ingress", List.of(rule));
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(ADMIN_NETWORK_POLICY.getGroup() + "/" + ADMIN_NETWORK_POLICY.getVersion());
        r.setKind(ADMIN_NETWORK_POLICY.getKind());
        r.setMetadata(new ObjectMetaBuilder().withName(policyName(workshop, learner))
                .addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB).addToLabels(WorkshopSlice.WORKSHOP_LABEL, workshop)
                .addToLabels(WorkshopSlice.LEARNER_LABEL, learner).build());
        r.setAdditionalProperty("spec", spec);
        return r;
    }

    @SafeVarargs
    private static Map<String, Object> namespaces(Map<String, Object>... requirements) {
        return Map.of("namespaces", Map.of("matchExpressions", List.of(requirements)));
    }

    /** A label selector requirement; {@code value} null for Exists, which takes no values. */
    private static Map<String, Object> requirement(String key, String operator, String value) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("key", key);
        r.put("operator", operator);
        if (value != null) {
            r.put("values", List.of(value));
        }
        return r;
    }

    /**
     * Creates one policy per learner; on a cluster without the AdminNetworkPolicy API creates none.
     * The returned line says which, for provision's progress.
     */
    static String create(KubernetesClient client, String workshop, List<String> learners) {
        try {
            for (String learner : learners) {
                client.genericKubernetesResources(ADMIN_NETWORK_POLICY).resource(policy(workshop, learner)).create();
            }
            return "learner isolation: an AdminNetworkPolicy per learner (" + policyName(workshop, "NAME")
                    + ") denies connections from other learners' namespaces";
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return "this cluster has no AdminNetworkPolicy API (policy.networking.k8s.io/v1alpha1): "
                        + "learners' pods are NOT isolated from one another (RBAC still keeps them out of each other's namespaces)";
            }
            throw e;
        }
    }

    /** Deletes the workshop's policies (cluster-scoped: deleting the namespaces does not). */
    static void delete(KubernetesClient client, String workshop) {
        try {
            client.genericKubernetesResources(ADMIN_NETWORK_POLICY).withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** The workshop's policies still on the cluster, as AdminNetworkPolicy/name. */
    static List<String> remaining(KubernetesClient client, String workshop) {
        try {
            List<String> out = new ArrayList<>();
            client.genericKubernetesResources(ADMIN_NETWORK_POLICY).withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).list()
                    .getItems().forEach(p -> out.add("AdminNetworkPolicy/" + p.getMetadata().getName()));
            return out;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }
}
