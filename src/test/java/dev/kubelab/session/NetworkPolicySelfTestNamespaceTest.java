package dev.kubelab.session;

import dev.kubelab.cluster.Cluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The self-test deletes only a namespace it created: a name that is taken is refused and left as it was. */
@EnableKubernetesMockClient(crud = true)
class NetworkPolicySelfTestNamespaceTest {

    KubernetesClient client;

    private static final Cluster CLUSTER = new Cluster() {
        public String describe() {
            return "mock";
        }

        public Path kubeconfig() {
            return Path.of("/dev/null");
        }

        public String context() {
            return null;
        }

        public Path kubectl() {
            return null;
        }

        public Map<String, String> images() {
            return Map.of("busybox", "busybox:1.36.1");
        }

        public boolean ownedByKubelab() {
            return false;
        }
    };

    @Test
    void aNamespaceThatExistsAlreadyIsNeverDeleted() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kl-selftest-abcd")
                .addToLabels("team", "payments").endMetadata().build()).create();
        NetworkPolicySelfTest.Result r = NetworkPolicySelfTest.runIn(CLUSTER, client, "kl-selftest-abcd");
        assertInstanceOf(NetworkPolicySelfTest.Result.Inconclusive.class, r);
        assertTrue(r.summary().contains("refused"), r.summary());
        assertNotNull(client.namespaces().withName("kl-selftest-abcd").get(), "someone else's namespace was deleted");
    }
}
