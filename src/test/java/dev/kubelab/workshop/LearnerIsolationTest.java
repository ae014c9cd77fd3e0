package dev.kubelab.workshop;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AdminNetworkPolicy that keeps one learner's pods out of reach of every other learner's (fabric8 mock server). */
@EnableKubernetesMockClient(crud = true)
class LearnerIsolationTest {

    KubernetesClient client;

    @Test
    void eachLearnerGetsAPolicyDenyingOtherLearnersAndTeardownRemovesThem() {
        String line = LearnerIsolation.create(client, "ws", List.of("a", "b"));
        assertTrue(line.startsWith("learner isolation: an AdminNetworkPolicy per learner"), line);
        assertEquals(List.of("AdminNetworkPolicy/kubelab-ws-a-isolation", "AdminNetworkPolicy/kubelab-ws-b-isolation"),
                LearnerIsolation.remaining(client, "ws").stream().sorted().toList());

        GenericKubernetesResource a = client.genericKubernetesResources(LearnerIsolation.ADMIN_NETWORK_POLICY)
                .withName("kubelab-ws-a-isolation").get();
        Map<String, Object> spec = a.get("spec");
        assertEquals(LearnerIsolation.PRIORITY, ((Number) spec.get("priority")).intValue());
        // the subject is exactly learner a's namespaces of this workshop
        assertEquals(Map.of("kubelab.dev/workshop", "ws", "kubelab.dev/learner", "a"),
                a.get("spec", "subject", "namespaces", "matchLabels"));
        List<Map<String, Object>> ingress = a.get("spec", "ingress");
        assertEquals(1, ingress.size());
        assertEquals("Deny", ingress.get(0).get("action"));
        // from: this workshop's other learners, and every other workshop's learners
        assertEquals(List.of(
                Map.of("namespaces", Map.of("matchExpressions", List.of(
                        Map.of("key", "kubelab.dev/workshop", "operator", "In", "values", List.of("ws")),
                        Map.of("key", "kubelab.dev/learner", "operator", "NotIn", "values", List.of("a"))))),
                Map.of("namespaces", Map.of("matchExpressions", List.of(
                        Map.of("key", "kubelab.dev/learner", "operator", "Exists"),
                        Map.of("key", "kubelab.dev/workshop", "operator", "NotIn", "values", List.of("ws")))))),
                ingress.get(0).get("from"));
        assertEquals(Map.of("app.kubernetes.io/managed-by", "kubelab", "kubelab.dev/workshop", "ws", "kubelab.dev/learner", "a"),
                a.getMetadata().getLabels());

        // another workshop's policy is not this one's to list or delete
        LearnerIsolation.create(client, "other", List.of("a"));
        LearnerIsolation.delete(client, "ws");
        assertEquals(List.of(), LearnerIsolation.remaining(client, "ws"));
        assertEquals(List.of("AdminNetworkPolicy/kubelab-other-a-isolation"), LearnerIsolation.remaining(client, "other"));
    }

    @Test
    void aClusterWithoutTheApiIsToldNotIsolatedNotFailed() {
        KubernetesMockServer server = new KubernetesMockServer(false); // no expectations: every request is 404
        server.init();
        try (KubernetesClient bare = server.createClient()) {
            String line = LearnerIsolation.create(bare, "ws", List.of("a"));
            assertTrue(line.contains("no AdminNetworkPolicy API") && line.contains("NOT isolated"), line);
            assertEquals(List.of(), LearnerIsolation.remaining(bare, "ws"));
            LearnerIsolation.delete(bare, "ws"); // nothing to delete is not an error
        } finally {
            server.destroy();
        }
    }
}
