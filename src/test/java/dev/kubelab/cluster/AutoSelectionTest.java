package dev.kubelab.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --cluster auto: a running kind node, then Docker (start kind), then the local cluster, else what is missing. */
class AutoSelectionTest {

    private static final DockerStatus DOCKER = new DockerStatus.Available("unix:///var/run/docker.sock", "1.51");
    private static final DockerStatus NO_DOCKER = new DockerStatus.Missing("no Docker socket at /var/run/docker.sock");

    @TempDir
    Path tmp;

    @Test
    void runningKindComesFirstEvenWhenLocalIsUp() {
        assertEquals(new AutoSelection.Decision.Kind(false), AutoSelection.decide(new AutoSelection.Facts(true, DOCKER, true)));
    }

    @Test
    void dockerBeatsTheLocalCluster() {
        assertEquals(new AutoSelection.Decision.Kind(true), AutoSelection.decide(new AutoSelection.Facts(false, DOCKER, true)));
        assertEquals(new AutoSelection.Decision.Kind(true), AutoSelection.decide(new AutoSelection.Facts(false, DOCKER, false)));
    }

    @Test
    void withoutDockerTheLocalCluster() {
        assertEquals(new AutoSelection.Decision.Local(), AutoSelection.decide(new AutoSelection.Facts(false, NO_DOCKER, true)));
    }

    @Test
    void nothingSaysWhatIsMissing() {
        AutoSelection.Decision d = AutoSelection.decide(new AutoSelection.Facts(false, NO_DOCKER, false));
        String m = assertInstanceOf(AutoSelection.Decision.Nothing.class, d).message();
        assertTrue(m.contains("Docker is not available for kind") && m.contains("local cluster is not up")
                && m.contains("clusters/local/kubelab-local build") && m.contains("--allow-existing-cluster"), m);
    }

    @Test
    void chooseAutoOnThisKindOfMachine() throws Exception {
        Path state = tmp.resolve("local");
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + tmp.resolve("none.sock"), "KUBELAB_LOCAL_STATE", state.toString(),
                "HOME", tmp.toString());
        ClusterUnavailableException e = assertThrows(ClusterUnavailableException.class,
                () -> ClusterChoice.choose("auto", null, false, env));
        assertEquals(AutoSelection.NOTHING, e.getMessage());

        Files.createDirectories(state.resolve("run"));
        Files.writeString(state.resolve("kubeconfig"), "apiVersion: v1\n");
        // a kubeconfig left behind by killed processes is not a running cluster
        Files.writeString(state.resolve("run/kube-apiserver.pid"), "999999999\n");
        assertThrows(ClusterUnavailableException.class, () -> ClusterChoice.choose("auto", null, false, env));
        Files.writeString(state.resolve("run/kube-apiserver.pid"), ProcessHandle.current().pid() + "\n");
        Cluster c = ClusterChoice.choose("auto", null, false, env);
        assertInstanceOf(LocalCluster.class, c);
        assertEquals("local", ClusterChoice.backend("auto", null, false, env, tmp).name());
    }

    @Test
    void explicitBackendsAndUnknownNames() throws Exception {
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + tmp.resolve("none.sock"), "HOME", tmp.toString());
        assertEquals("kind", ClusterChoice.backend("kind", null, false, env, tmp).name());
        assertEquals("context:prod", ClusterChoice.backend("context:prod", null, false, env, tmp).name());
        ClusterUnavailableException e = assertThrows(ClusterUnavailableException.class,
                () -> ClusterChoice.choose("minikube", null, false, env));
        assertTrue(e.getMessage().contains("auto, kind, local, context:NAME"), e.getMessage());
    }
}
