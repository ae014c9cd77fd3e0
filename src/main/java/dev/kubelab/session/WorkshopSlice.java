package dev.kubelab.session;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A learner's slice of a shared cluster: namespaces that {@code workshop provision} made and that
 * the learner may not create or delete. Resetting a lesson there empties its namespaces instead:
 * every object the lesson or the learner made goes, what provisioning made (labelled
 * {@value #WORKSHOP_LABEL}) and what Kubernetes puts in every namespace stay.
 */
public final class WorkshopSlice {

    /** Carried by everything {@code workshop provision} creates; its value is the workshop's name. */
    public static final String WORKSHOP_LABEL = "kubelab.dev/workshop";
    /** The learner a provisioned object belongs to. */
    public static final String LEARNER_LABEL = "kubelab.dev/learner";

    private WorkshopSlice() {
    }

    /**
     * Deletes what the lessons made in these namespaces and waits (up to 120 s) until their pods
     * are gone. Only the kinds a learner's Role lets them create can be there (workshop's
     * SliceGuards.learnerRules): asking for others would be Forbidden.
     */
    public static void empty(KubernetesClient client, List<String> namespaces) throws LessonRuntime.SetupException {
        for (String ns : namespaces) {
            client.apps().deployments().inNamespace(ns).withoutLabel(WORKSHOP_LABEL).delete();
            client.apps().statefulSets().inNamespace(ns).withoutLabel(WORKSHOP_LABEL).delete();
            client.pods().inNamespace(ns).withoutLabel(WORKSHOP_LABEL).withGracePeriod(0).delete();
            client.services().inNamespace(ns).withoutLabel(WORKSHOP_LABEL).delete();
            client.network().v1().networkPolicies().inNamespace(ns).withoutLabel(WORKSHOP_LABEL).delete();
            for (var cm : client.configMaps().inNamespace(ns).list().getItems()) {
                if (removable("ConfigMap", cm)) {
                    client.configMaps().inNamespace(ns).withName(cm.getMetadata().getName()).delete();
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (String ns : namespaces) {
            while (!client.pods().inNamespace(ns).list().getItems().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new LessonRuntime.SetupException("pods in namespace " + ns + " are still terminating after 120 s");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LessonRuntime.SetupException("interrupted while emptying namespace " + ns);
                }
            }
        }
    }

    /** Whether resetting a lesson removes this object: not provisioning's, not one Kubernetes keeps in every namespace. */
    static boolean removable(String kind, HasMetadata o) {
        Map<String, String> labels = o.getMetadata().getLabels();
        if (labels != null && labels.containsKey(WORKSHOP_LABEL)) {
            return false;
        }
        String name = o.getMetadata().getName();
        return !(kind.equals("ConfigMap") && name.equals("kube-root-ca.crt"))
                && !(kind.equals("ServiceAccount") && name.equals("default"));
    }
}
