package dev.kubelab.it;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterBackend;
import dev.kubelab.kube.KubeClients;
import dev.kubelab.session.Manifests;
import dev.kubelab.session.NetworkPolicySelfTest;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every backend kubelab creates must do, run once per backend available on this machine
 * (subclasses {@code *ContractIT}). A backend that cannot run here is reported as SKIPPED with its
 * reason (a JUnit assumption), never as passed; the local backend never skips: CI always has it.
 * Scratch namespaces are named {@code kl-be-*}, labelled as kubelab's and deleted afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterContract {

    protected ClusterBackend backend;
    protected Cluster cluster;
    protected KubernetesClient client;
    /** Why this backend cannot run here; each test is then reported SKIPPED with it. */
    private String unavailable;

    /** Calls {@link #connect} or {@link #unavailable}. */
    protected abstract void open() throws Exception;

    protected void connect(ClusterBackend b, Cluster c) throws Exception {
        backend = b;
        cluster = c;
        client = KubeClients.fromKubeconfig(c.kubeconfig(), c.context());
    }

    protected void unavailable(String reason) {
        unavailable = reason;
        System.out.println("SKIPPED " + getClass().getSimpleName() + ": " + reason);
    }

    @BeforeAll
    void openBackend() throws Exception {
        open();
    }

    // per test, not in @BeforeAll: a class-level abort is counted as zero tests, a per-test one as skipped
    @BeforeEach
    void requireBackend() {
        Assumptions.assumeTrue(unavailable == null, () -> unavailable);
    }

    @AfterAll
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void statusIsUpAndTheClusterIsKubelabs() {
        assertTrue(backend.status().up(), backend.status().line());
        assertTrue(cluster.ownedByKubelab());
        assertTrue(Files.isRegularFile(cluster.kubeconfig()), cluster.kubeconfig().toString());
        assertTrue(!cluster.describe().isBlank());
    }

    @Test
    void oneReadyNode() {
        var nodes = client.nodes().list().getItems();
        assertEquals(1, nodes.size(), "single-node cluster");
        Node n = nodes.get(0);
        assertTrue(n.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")),
                "node " + n.getMetadata().getName() + " is not Ready");
    }

    @Test
    void serviceNetworkHasKindParity() {
        assertEquals("10.96.0.1", client.services().inNamespace("default").withName("kubernetes").get().getSpec().getClusterIP());
        var dns = client.services().inNamespace("kube-system").withName("kube-dns").get();
        assertNotNull(dns, "kube-system/kube-dns");
        assertEquals("10.96.0.10", dns.getSpec().getClusterIP());
    }

    @Test
    void lessonImagesRunAndALabelledNamespaceGoesAwayCompletely() {
        for (String logical : new String[] {"busybox", "debug"}) {
            assertNotNull(cluster.images().get(logical), "image for " + logical + " in " + cluster.images());
        }
        String ns = "kl-be-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                .addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB).endMetadata().build()).create();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (client.serviceAccounts().inNamespace(ns).withName("default").get() == null && System.nanoTime() < deadline) {
                sleep(200);
            }
            client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("once").endMetadata()
                    .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("c").withImage(cluster.images().get("busybox"))
                    .withImagePullPolicy("IfNotPresent").withCommand("sh", "-c", "echo kubelab-contract").endContainer().endSpec()
                    .build()).create();
            Pod done = client.pods().inNamespace(ns).withName("once")
                    .waitUntilCondition(p -> p != null && "Succeeded".equals(p.getStatus().getPhase()), 120, TimeUnit.SECONDS);
            assertEquals("Succeeded", done.getStatus().getPhase());
            assertTrue(client.pods().inNamespace(ns).withName("once").getLog().contains("kubelab-contract"));
        } finally {
            client.namespaces().withName(ns).delete();
        }
        client.namespaces().withName(ns).waitUntilCondition(n -> n == null, 120, TimeUnit.SECONDS);
        assertNull(client.namespaces().withName(ns).get());
    }

    @Test
    void networkPolicyIsEnforcedAndTheSelfTestCleansUp() {
        NetworkPolicySelfTest.Result r = NetworkPolicySelfTest.run(cluster, client, "kl-be-np-");
        System.out.println(backend.name() + ": " + r.summary()
                + (r instanceof NetworkPolicySelfTest.Result.Enforced e ? "; self-test took " + e.took().toMillis() + " ms" : ""));
        assertInstanceOf(NetworkPolicySelfTest.Result.Enforced.class, r, r.summary());
        assertTrue(client.namespaces().list().getItems().stream().noneMatch(n -> n.getMetadata().getName().startsWith("kl-be-np-")),
                "the self-test's scratch namespace is gone");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
