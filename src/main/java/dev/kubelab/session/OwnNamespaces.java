package dev.kubelab.session;

import dev.kubelab.cluster.Cluster;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A lesson's namespaces: made with kubelab's labels, and deleted only when they carry them (and, on a
 * cluster kubelab did not create, only when nothing in them lacks its label). API errors are the caller's.
 */
final class OwnNamespaces {

    private final KubernetesClient client;
    private final Cluster cluster;
    private final NamespaceMap namespaces;
    private final String lessonId;

    OwnNamespaces(KubernetesClient client, Cluster cluster, NamespaceMap namespaces, String lessonId) {
        this.client = client;
        this.cluster = cluster;
        this.namespaces = namespaces;
        this.lessonId = lessonId;
    }

    void create() {
        for (String ns : namespaces.physicalAll()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                    .addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB)
                    .addToLabels(Manifests.LESSON_LABEL, lessonId).endMetadata().build()).create();
        }
    }

    /** Pods are refused until the controller-manager has made the namespace's default ServiceAccount. */
    void awaitDefaultServiceAccounts() throws LessonRuntime.SetupException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String ns : namespaces.physicalAll()) {
            while (client.serviceAccounts().inNamespace(ns).withName("default").get() == null) {
                if (System.nanoTime() > deadline) {
                    throw new LessonRuntime.SetupException("namespace " + ns + " has no default ServiceAccount after 60 s: "
                            + "is kube-controller-manager running?");
                }
                sleep(100);
            }
        }
    }

    /** Deletes them and waits until they are gone. */
    void deleteAll() throws LessonRuntime.SetupException {
        awaitGone(startDeleting(), Duration.ofSeconds(120));
    }

    /** Deletes the lesson's own (labelled) namespaces without waiting; returns those being deleted. */
    List<String> startDeleting() throws LessonRuntime.SetupException {
        List<String> mine = new ArrayList<>();
        for (String ns : namespaces.physicalAll()) {
            Namespace existing = client.namespaces().withName(ns).get();
            if (existing == null) {
                continue;
            }
            Map<String, String> labels = existing.getMetadata().getLabels();
            if (labels == null || !Manifests.KUBELAB.equals(labels.get(Manifests.MANAGED_BY))) {
                throw new LessonRuntime.SetupException("namespace " + ns + " exists and is not kubelab's (no label "
                        + Manifests.MANAGED_BY + "=" + Manifests.KUBELAB + "); kubelab will not touch it");
            }
            if (!cluster.ownedByKubelab()) {
                List<String> foreign = NamespaceGuard.foreignObjects(client, ns);
                if (!foreign.isEmpty()) {
                    throw new LessonRuntime.SetupException("namespace " + ns + " holds objects without kubelab's label " + foreign
                            + "; on a cluster kubelab did not create it deletes only what is its own: remove or label them first");
                }
            }
            mine.add(ns);
        }
        for (String ns : mine) {
            client.pods().inNamespace(ns).withGracePeriod(0).delete();
            client.namespaces().withName(ns).delete();
        }
        return mine;
    }

    /** Waits until the namespaces are gone (deleting one takes seconds: the namespace controller empties it first). */
    void awaitGone(List<String> deleting, Duration patience) throws LessonRuntime.SetupException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (String ns : deleting) {
            while (client.namespaces().withName(ns).get() != null) {
                if (System.nanoTime() > deadline) {
                    throw new LessonRuntime.SetupException("namespace " + ns + " is still terminating after " + patience.toSeconds() + " s");
                }
                sleep(500); // emptying a namespace takes seconds; asking more often only loads the API server
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
