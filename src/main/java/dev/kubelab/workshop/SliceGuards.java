package dev.kubelab.workshop;

import dev.kubelab.session.Manifests;
import dev.kubelab.session.WorkshopSlice;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What keeps a curious learner inside their slice of a shared cluster, beyond namespaces and RBAC:
 * Pod Security Admission (baseline, enforced), a ResourceQuota and LimitRange per lesson namespace,
 * a Role with only what the lessons use, and a ValidatingAdmissionPolicy for what RBAC cannot say
 * (Service externalIPs, NodePort, LoadBalancer). The attacks tried against it are listed in
 * docs/workshop.md.
 */
final class SliceGuards {

    static final String QUOTA = "kubelab-slice";
    static final String PSA_ENFORCE = "pod-security.kubernetes.io/enforce";
    /** baseline: no privileged, hostPath, hostNetwork, hostPID/IPC, host ports or added capabilities; the lessons' busybox pods pass. */
    static final String PSA_LEVEL = "baseline";

    private SliceGuards() {
    }

    /** Labels every namespace of a slice carries: Pod Security Admission enforces baseline there. */
    static Map<String, String> podSecurityLabels() {
        return Map.of(PSA_ENFORCE, PSA_LEVEL);
    }

    /**
     * What a learner may do in each of their lesson namespaces: the kinds the lessons use, nothing
     * else (no Secrets, PVCs, DaemonSets, Jobs or Ingresses, and ServiceAccounts read-only: no lesson makes them).
     */
    static List<PolicyRule> learnerRules() {
        return List.of(
                rule("", List.of("pods", "pods/log", "pods/exec", "pods/portforward", "pods/attach", "services", "configmaps"),
                        List.of("*")),
                // serviceaccounts: a lesson's setup waits until the namespace's default one exists (read, never made)
                rule("", List.of("endpoints", "events", "resourcequotas", "limitranges", "serviceaccounts"),
                        List.of("get", "list", "watch")),
                rule("apps", List.of("deployments", "deployments/scale", "statefulsets", "statefulsets/scale"), List.of("*")),
                // rollout status/undo and kubectl describe read the ReplicaSets a Deployment owns
                rule("apps", List.of("replicasets"), List.of("get", "list", "watch")),
                rule("networking.k8s.io", List.of("networkpolicies"), List.of("*")),
                rule("discovery.k8s.io", List.of("endpointslices"), List.of("get", "list", "watch")),
                // reading the namespace object itself (its labels): authorized in that namespace, so a Role grants it
                rule("", List.of("namespaces"), List.of("get")));
    }

    private static PolicyRule rule(String group, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
    }

    /**
     * Per lesson namespace: a lesson needs a handful of pods and Services (the largest, five
     * Deployments and a StatefulSet); twenty of each is room to experiment, not to fill a node.
     * No NodePorts, LoadBalancers or volumes claims at all.
     */
    static ResourceQuota quota(ObjectMeta meta) {
        Map<String, Quantity> hard = new LinkedHashMap<>();
        hard.put("pods", new Quantity("20"));
        hard.put("services", new Quantity("20"));
        hard.put("services.nodeports", new Quantity("0"));
        hard.put("services.loadbalancers", new Quantity("0"));
        hard.put("persistentvolumeclaims", new Quantity("0"));
        hard.put("configmaps", new Quantity("30"));
        hard.put("requests.cpu", new Quantity("1"));
        hard.put("requests.memory", new Quantity("1Gi"));
        hard.put("limits.cpu", new Quantity("4"));
        hard.put("limits.memory", new Quantity("4Gi"));
        return new ResourceQuotaBuilder().withMetadata(new ObjectMetaBuilder(meta).withName(QUOTA).build())
                .withNewSpec().withHard(hard).endSpec().build();
    }

    /** Defaults for containers that state no resources (the lessons' do not), so the quota can count them. */
    static LimitRange limits(ObjectMeta meta) {
        return new LimitRangeBuilder().withMetadata(new ObjectMetaBuilder(meta).withName(QUOTA).build())
                .withNewSpec().addNewLimit().withType("Container")
                .addToDefaultRequest("cpu", new Quantity("10m")).addToDefaultRequest("memory", new Quantity("16Mi"))
                .addToDefault("cpu", new Quantity("500m")).addToDefault("memory", new Quantity("256Mi"))
                .addToMax("cpu", new Quantity("1")).addToMax("memory", new Quantity("512Mi"))
                .endLimit().endSpec().build();
    }

    static String policyName(String workshop) {
        return "kubelab-" + workshop + "-services";
    }

    /**
     * Refuses, in the workshop's namespaces, a Service with externalIPs (which would capture
     * traffic to any address on every node) or of a type other than ClusterIP/ExternalName. The
     * quota already refuses NodePort and LoadBalancer; the policy says why, and covers externalIPs,
     * which nothing else can.
     */
    static ValidatingAdmissionPolicy servicePolicy(String workshop) {
        return new ValidatingAdmissionPolicyBuilder().withMetadata(clusterMeta(policyName(workshop), workshop))
                .withNewSpec().withFailurePolicy("Fail")
                .withNewMatchConstraints()
                .withNewNamespaceSelector().addToMatchLabels(WorkshopSlice.WORKSHOP_LABEL, workshop).endNamespaceSelector()
                .addNewResourceRule().withApiGroups("").withApiVersions("v1").withOperations("CREATE", "UPDATE")
                .withResources("services").endResourceRule()
                .endMatchConstraints()
                .addNewValidation().withExpression("!has(object.spec.externalIPs) || size(object.spec.externalIPs) == 0")
                .withMessage("Service externalIPs are not allowed in a kubelab workshop").endValidation()
                .addNewValidation()
                .withExpression("!has(object.spec.type) || object.spec.type == 'ClusterIP' || object.spec.type == 'ExternalName'")
                .withMessage("only ClusterIP (headless too) and ExternalName Services in a kubelab workshop: no NodePort or LoadBalancer")
                .endValidation()
                .endSpec().build();
    }

    static ValidatingAdmissionPolicyBinding servicePolicyBinding(String workshop) {
        return new ValidatingAdmissionPolicyBindingBuilder().withMetadata(clusterMeta(policyName(workshop), workshop))
                .withNewSpec().withPolicyName(policyName(workshop)).withValidationActions("Deny")
                .withNewMatchResources()
                .withNewNamespaceSelector().addToMatchLabels(WorkshopSlice.WORKSHOP_LABEL, workshop).endNamespaceSelector()
                .endMatchResources()
                .endSpec().build();
    }

    /**
     * Creates the workshop's admission policy and its binding; a cluster without
     * admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy (Kubernetes before 1.30) gets
     * none, and the returned line says what that leaves open.
     */
    static String createServicePolicy(KubernetesClient client, String workshop) {
        try {
            client.admissionRegistration().v1().validatingAdmissionPolicies().resource(servicePolicy(workshop)).create();
            client.admissionRegistration().v1().validatingAdmissionPolicyBindings().resource(servicePolicyBinding(workshop)).create();
            return "admission policy " + policyName(workshop) + ": no Service externalIPs, NodePort or LoadBalancer";
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return "this cluster has no ValidatingAdmissionPolicy v1 (Kubernetes < 1.30): the quota still refuses "
                        + "NodePort and LoadBalancer Services, but a Service with externalIPs cannot be refused";
            }
            throw e;
        }
    }

    /** Removes the workshop's admission policy and binding (cluster-scoped: namespace deletion does not). */
    static void deleteServicePolicy(KubernetesClient client, String workshop) {
        try {
            client.admissionRegistration().v1().validatingAdmissionPolicyBindings()
                    .withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).delete();
            client.admissionRegistration().v1().validatingAdmissionPolicies()
                    .withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** The workshop's admission objects still on the cluster, as Kind/name. */
    static List<String> remainingPolicies(KubernetesClient client, String workshop) {
        try {
            List<String> out = new java.util.ArrayList<>();
            client.admissionRegistration().v1().validatingAdmissionPolicies().withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop)
                    .list().getItems().forEach(p -> out.add("ValidatingAdmissionPolicy/" + p.getMetadata().getName()));
            client.admissionRegistration().v1().validatingAdmissionPolicyBindings().withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop)
                    .list().getItems().forEach(p -> out.add("ValidatingAdmissionPolicyBinding/" + p.getMetadata().getName()));
            return out;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    private static ObjectMeta clusterMeta(String name, String workshop) {
        return new ObjectMetaBuilder().withName(name).addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB)
                .addToLabels(WorkshopSlice.WORKSHOP_LABEL, workshop).build();
    }
}
