package dev.kubelab.session;

import dev.kubelab.cluster.ContextCluster;
import dev.kubelab.lesson.Lesson;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workshop mode: a learner's pre-provisioned namespaces are emptied on reset, never deleted or created. */
@EnableKubernetesMockClient(crud = true)
class WorkshopSliceTest {

    KubernetesClient client;

    @TempDir
    Path tmp;

    private static final String NS = "ws-w1-shop";
    private static final Lesson LESSON = new Lesson(Path.of("lessons/x.md"), "slice", "Slice", "", 5, List.of("shop"),
            Set.of(), List.of(), false, List.of(), List.of());
    private static final Lesson NEEDS_POLICY = new Lesson(Path.of("lessons/y.md"), "policy", "Policy", "", 5, List.of("shop"),
            Set.of(NetworkPolicySelfTest.FEATURE), List.of(), false, List.of(), List.of());

    @BeforeEach
    void provisioned() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
                .addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB).addToLabels(WorkshopSlice.WORKSHOP_LABEL, "ws")
                .endMetadata().build()).create();
        client.serviceAccounts().inNamespace(NS).resource(new ServiceAccountBuilder().withNewMetadata().withName("default")
                .endMetadata().build()).create();
        client.serviceAccounts().inNamespace(NS).resource(new ServiceAccountBuilder().withNewMetadata().withName("learner")
                .addToLabels(WorkshopSlice.WORKSHOP_LABEL, "ws").endMetadata().build()).create();
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("kube-root-ca.crt")
                .endMetadata().build()).create();
        // what a lesson and the learner made
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("trino-catalog")
                .addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB).endMetadata().build()).create();
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("web").endMetadata().build()).create();
        client.network().v1().networkPolicies().inNamespace(NS).resource(new NetworkPolicyBuilder().withNewMetadata()
                .withName("learners-policy").endMetadata().build()).create();
    }

    private LessonRuntime runtime(Lesson lesson) throws Exception {
        Path kc = tmp.resolve("kubeconfig");
        Files.writeString(kc, "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: "
                + client.getConfiguration().getMasterUrl() + "\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n"
                + "    token: t\ncontexts:\n- name: mock\n  context:\n    cluster: mock\n    user: u\ncurrent-context: mock\n");
        return new LessonRuntime(lesson, ContextCluster.open(kc, "mock", true), new NamespaceMap("ws-w1", lesson.namespaces()),
                Path.of("/bin/false"));
    }

    private void assertEmptiedButKept() {
        assertNotNull(client.namespaces().withName(NS).get(), "the namespace stays");
        assertNotNull(client.serviceAccounts().inNamespace(NS).withName("learner").get(), "provisioning's objects stay");
        assertNotNull(client.serviceAccounts().inNamespace(NS).withName("default").get());
        assertNotNull(client.configMaps().inNamespace(NS).withName("kube-root-ca.crt").get());
        assertNull(client.configMaps().inNamespace(NS).withName("trino-catalog").get(), "the lesson's objects go");
        assertNull(client.pods().inNamespace(NS).withName("web").get());
        assertNull(client.network().v1().networkPolicies().inNamespace(NS).withName("learners-policy").get());
    }

    @Test
    void setUpEmptiesTheProvisionedNamespacesInsteadOfRecreatingThem() throws Exception {
        try (LessonRuntime rt = runtime(LESSON).preProvisioned(null)) {
            assertTrue(rt.isPreProvisioned());
            rt.setUp();
        }
        assertEmptiedButKept();
        assertEquals(1, client.namespaces().list().getItems().size(), "no namespace was created");
    }

    @Test
    void tearDownEmptiesAndKeepsTheNamespace() throws Exception {
        try (LessonRuntime rt = runtime(LESSON).preProvisioned(null)) {
            rt.tearDown();
        }
        assertEmptiedButKept();
    }

    @Test
    void policyLessonsUseWhatProvisioningFoundInsteadOfASelfTest() throws Exception {
        try (LessonRuntime rt = runtime(NEEDS_POLICY).preProvisioned(null)) {
            LessonRuntime.SetupException e = org.junit.jupiter.api.Assertions.assertThrows(LessonRuntime.SetupException.class, rt::setUp);
            assertTrue(e.getMessage().contains("workshop provision did not establish it"), e.getMessage());
        }
        try (LessonRuntime rt = runtime(NEEDS_POLICY).preProvisioned(
                new NetworkPolicySelfTest.Result.Enforced(java.time.Duration.ofMillis(5), java.time.Duration.ofSeconds(9)))) {
            rt.setUp();
        }
        assertEmptiedButKept();
    }
}
