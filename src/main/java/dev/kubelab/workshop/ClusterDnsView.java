package dev.kubelab.workshop;

import dev.kubelab.session.Manifests;
import dev.kubelab.session.WorkshopSlice;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;

/**
 * Read-only sight of the cluster DNS for every learner: the kube-dns Service, its EndpointSlices and
 * pods, and kube-system's labels (a DNS egress rule selects the namespace by them). The DNS lessons
 * and {@code /why} read these; a Role and RoleBinding in kube-system, labelled with the workshop,
 * which teardown deletes (kube-system itself is never deleted).
 */
final class ClusterDnsView {

    static final String NAMESPACE = "kube-system";

    private ClusterDnsView() {
    }

    static String name(String workshop) {
        return "kubelab-" + workshop + "-cluster-dns";
    }

    static List<PolicyRule> rules() {
        return List.of(
                new PolicyRuleBuilder().withApiGroups("").withResources("services").withResourceNames("kube-dns")
                        .withVerbs("get").build(),
                new PolicyRuleBuilder().withApiGroups("").withResources("pods").withVerbs("get", "list").build(),
                new PolicyRuleBuilder().withApiGroups("discovery.k8s.io").withResources("endpointslices").withVerbs("get", "list").build(),
                // the namespace object's labels: authorized in that namespace, so a Role there grants it
                new PolicyRuleBuilder().withApiGroups("").withResources("namespaces").withResourceNames(NAMESPACE)
                        .withVerbs("get").build());
    }

    /** The Role, and one binding for every learner's ServiceAccount ({@code WORKSHOP-LEARNER/learner}). */
    static String create(KubernetesClient client, String workshop, List<String> learners) {
        String name = name(workshop);
        client.rbac().roles().inNamespace(NAMESPACE).resource(new RoleBuilder().withNewMetadata().withName(name)
                .withNamespace(NAMESPACE).addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB)
                .addToLabels(WorkshopSlice.WORKSHOP_LABEL, workshop).endMetadata().withRules(rules()).build()).create();
        client.rbac().roleBindings().inNamespace(NAMESPACE).resource(new RoleBindingBuilder().withNewMetadata().withName(name)
                .withNamespace(NAMESPACE).addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB)
                .addToLabels(WorkshopSlice.WORKSHOP_LABEL, workshop).endMetadata()
                .withSubjects(learners.stream().map(l -> new SubjectBuilder().withKind("ServiceAccount")
                        .withName(Provisioner.ACCOUNT).withNamespace(workshop + "-" + l).build()).toList())
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(name).endRoleRef()
                .build()).create();
        return "cluster DNS: learners may read the kube-dns Service, its EndpointSlices and pods in " + NAMESPACE
                + " (Role and RoleBinding " + NAMESPACE + "/" + name + ")";
    }

    /** Deletes the Role and binding of this workshop (by label, so nothing else in kube-system is touched). */
    static void delete(KubernetesClient client, String workshop) {
        client.rbac().roleBindings().inNamespace(NAMESPACE).withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).delete();
        client.rbac().roles().inNamespace(NAMESPACE).withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).delete();
    }

    static boolean exists(KubernetesClient client, String workshop) {
        return !client.rbac().roles().inNamespace(NAMESPACE).withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).list().getItems().isEmpty()
                || !client.rbac().roleBindings().inNamespace(NAMESPACE).withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).list()
                .getItems().isEmpty();
    }
}
