package dev.kubelab.session;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterUnavailableException;
import dev.kubelab.cluster.ContextCluster;
import dev.kubelab.cluster.Images;
import dev.kubelab.lesson.Lesson;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The existing-context backend never damages what is not kubelab's (fabric8 mock API server, CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class ContextGuardTest {

    KubernetesClient client;

    @TempDir
    Path tmp;

    private static final Lesson LESSON = new Lesson(Path.of("lessons/x.md"), "guard", "Guard", "", 5, List.of("shop"),
            Set.of(), List.of(), false, List.of(), List.of());

    private Path kubeconfig() throws IOException {
        Path kc = tmp.resolve("kubeconfig");
        Files.writeString(kc, "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: "
                + client.getConfiguration().getMasterUrl() + "\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n"
                + "    token: t\ncontexts:\n- name: mock\n  context:\n    cluster: mock\n    user: u\ncurrent-context: mock\n");
        return kc;
    }

    private Cluster context() throws Exception {
        return ContextCluster.open(kubeconfig(), "mock", true);
    }

    private LessonRuntime runtime(Cluster c) throws IOException {
        return new LessonRuntime(LESSON, c, NamespaceMap.identity(LESSON.namespaces()), Path.of("/bin/false"));
    }

    private void namespace(String name, boolean kubelabs) {
        var b = new NamespaceBuilder().withNewMetadata().withName(name);
        if (kubelabs) {
            b.addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB);
        }
        client.namespaces().resource(b.endMetadata().build()).create();
    }

    private void configMap(String name, boolean labelled) {
        var b = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("shop");
        if (labelled) {
            b.addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB);
        }
        client.configMaps().inNamespace("shop").resource(b.endMetadata().addToData("k", "v").build()).create();
    }

    @Test
    void refusesWithoutTheExplicitFlag() throws Exception {
        ClusterUnavailableException e = assertThrows(ClusterUnavailableException.class,
                () -> ContextCluster.open(kubeconfig(), "prod", false));
        assertTrue(e.getMessage().contains("add --allow-existing-cluster"), e.getMessage());
    }

    @Test
    void refusesANamespaceThatIsNotKubelabs() throws Exception {
        namespace("shop", false);
        configMap("theirs", false);
        try (LessonRuntime rt = runtime(context())) {
            LessonRuntime.SetupException e = assertThrows(LessonRuntime.SetupException.class, rt::setUp);
            assertTrue(e.getMessage().contains("namespace shop exists and is not kubelab's"), e.getMessage());
        }
        assertNotNull(client.namespaces().withName("shop").get());
        assertNotNull(client.configMaps().inNamespace("shop").withName("theirs").get());
    }

    @Test
    void refusesToDeleteItsNamespaceWhileItHoldsSomeoneElsesObjects() throws Exception {
        namespace("shop", true);
        configMap("ours", true);
        configMap("theirs", false);
        try (LessonRuntime rt = runtime(context())) {
            LessonRuntime.SetupException e = assertThrows(LessonRuntime.SetupException.class, rt::deleteNamespaces);
            assertTrue(e.getMessage().contains("[ConfigMap/theirs]"), e.getMessage());
        }
        assertNotNull(client.namespaces().withName("shop").get());
        assertNotNull(client.configMaps().inNamespace("shop").withName("theirs").get());
        assertNotNull(client.configMaps().inNamespace("shop").withName("ours").get());
    }

    @Test
    void deletesItsNamespaceWhenEverythingInItIsKubelabsOrMadeByKubernetes() throws Exception {
        namespace("shop", true);
        configMap("ours", true);
        configMap("kube-root-ca.crt", false);
        client.serviceAccounts().inNamespace("shop").resource(new ServiceAccountBuilder().withNewMetadata().withName("default")
                .endMetadata().build()).create();
        client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("web-abc").withNamespace("shop")
                .addNewOwnerReference().withKind("ReplicaSet").withName("web").withUid("u1").withApiVersion("apps/v1").endOwnerReference()
                .endMetadata().build()).create();
        assertEquals(List.of(), NamespaceGuard.foreignObjects(client, "shop"));
        try (LessonRuntime rt = runtime(context())) {
            rt.deleteNamespaces();
        }
        assertNull(client.namespaces().withName("shop").get());
    }

    @Test
    void onItsOwnClusterKubelabDeletesItsLabelledNamespaceWhole() throws Exception {
        namespace("shop", true);
        configMap("theirs", false);
        Cluster owned = new Cluster() {
            public String describe() {
                return "owned";
            }

            public Path kubeconfig() {
                try {
                    return ContextGuardTest.this.kubeconfig();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            public String context() {
                return "mock";
            }

            public Path kubectl() {
                return null;
            }

            public Map<String, String> images() {
                return Images.PUBLIC;
            }

            public boolean ownedByKubelab() {
                return true;
            }
        };
        try (LessonRuntime rt = runtime(owned)) {
            rt.deleteNamespaces();
        }
        assertNull(client.namespaces().withName("shop").get());
    }

    @Test
    void clusterScopedLessonsAreRefusedOnAContext() throws Exception {
        Lesson scoped = new Lesson(Path.of("lessons/y.md"), "scoped", "Scoped", "", 5, List.of("shop"), Set.of(), List.of(),
                true, List.of(), List.of());
        try (LessonRuntime rt = new LessonRuntime(scoped, context(), NamespaceMap.identity(List.of("shop")), Path.of("/bin/false"))) {
            assertTrue(rt.refusal().contains("runs only on a cluster kubelab created"), rt.refusal());
        }
    }
}
