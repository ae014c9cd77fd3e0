package dev.kubelab.session;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * On a cluster kubelab did not create, deleting a namespace must not take anything of someone
 * else's with it: before kubelab deletes one of its (labelled) namespaces there, every object in
 * it must carry kubelab's label, or be made by a controller from something that does (it has an
 * owner), or be one of the objects Kubernetes itself puts in every namespace.
 */
public final class NamespaceGuard {

    private NamespaceGuard() {
    }

    /** {@code kind/name} of each object in {@code namespace} that is not kubelab's; empty when it may be deleted. */
    public static List<String> foreignObjects(KubernetesClient client, String namespace) {
        List<String> foreign = new ArrayList<>();
        scan(foreign, "Pod", () -> client.pods().inNamespace(namespace).list().getItems());
        scan(foreign, "Service", () -> client.services().inNamespace(namespace).list().getItems());
        scan(foreign, "Deployment", () -> client.apps().deployments().inNamespace(namespace).list().getItems());
        scan(foreign, "StatefulSet", () -> client.apps().statefulSets().inNamespace(namespace).list().getItems());
        scan(foreign, "DaemonSet", () -> client.apps().daemonSets().inNamespace(namespace).list().getItems());
        scan(foreign, "ReplicaSet", () -> client.apps().replicaSets().inNamespace(namespace).list().getItems());
        scan(foreign, "Job", () -> client.batch().v1().jobs().inNamespace(namespace).list().getItems());
        scan(foreign, "CronJob", () -> client.batch().v1().cronjobs().inNamespace(namespace).list().getItems());
        scan(foreign, "ConfigMap", () -> client.configMaps().inNamespace(namespace).list().getItems());
        scan(foreign, "Secret", () -> client.secrets().inNamespace(namespace).list().getItems());
        scan(foreign, "ServiceAccount", () -> client.serviceAccounts().inNamespace(namespace).list().getItems());
        scan(foreign, "PersistentVolumeClaim", () -> client.persistentVolumeClaims().inNamespace(namespace).list().getItems());
        scan(foreign, "NetworkPolicy", () -> client.network().networkPolicies().inNamespace(namespace).list().getItems());
        scan(foreign, "Ingress", () -> client.network().v1().ingresses().inNamespace(namespace).list().getItems());
        scan(foreign, "Role", () -> client.rbac().roles().inNamespace(namespace).list().getItems());
        scan(foreign, "RoleBinding", () -> client.rbac().roleBindings().inNamespace(namespace).list().getItems());
        return foreign;
    }

    /** Whether kubelab may delete this object as part of its namespace. */
    public static boolean isKubelabs(String kind, HasMetadata o) {
        ObjectMeta m = o.getMetadata();
        Map<String, String> labels = m.getLabels();
        if (labels != null && Manifests.KUBELAB.equals(labels.get(Manifests.MANAGED_BY))) {
            return true;
        }
        if (m.getOwnerReferences() != null && !m.getOwnerReferences().isEmpty()) {
            return true; // made by a controller; its owner is checked in its own right
        }
        String name = m.getName();
        if (kind.equals("ConfigMap") && name.equals("kube-root-ca.crt")) {
            return true;
        }
        if (kind.equals("ServiceAccount") && name.equals("default")) {
            return true;
        }
        return kind.equals("Secret") && o instanceof Secret s && "kubernetes.io/service-account-token".equals(s.getType())
                && s.getMetadata().getAnnotations() != null
                && "default".equals(s.getMetadata().getAnnotations().get("kubernetes.io/service-account.name"));
    }

    private static void scan(List<String> foreign, String kind, Supplier<List<? extends HasMetadata>> list) {
        for (HasMetadata o : list.get()) {
            if (!isKubelabs(kind, o)) {
                foreign.add(kind + "/" + o.getMetadata().getName());
            }
        }
    }
}
