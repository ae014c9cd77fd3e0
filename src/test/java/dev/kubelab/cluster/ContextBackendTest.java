package dev.kubelab.cluster;

import dev.kubelab.it.DecoyServer;
import dev.kubelab.kube.Kubeconfigs;
import dev.kubelab.kube.Kubectl;
import dev.kubelab.kube.ProcessResult;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --cluster context:NAME}: the named context and nothing else reaches kubectl and fabric8 (a
 * decoy current-context counts every connection it gets), and status asks the API server itself.
 */
class ContextBackendTest {

    /** The lab context's API server: answers GET /version with {@link #versionStatus}. */
    private HttpServer api;
    private volatile int versionStatus = 200;

    @TempDir
    Path tmp;

    private DecoyServer decoy;

    @BeforeEach
    void openTheServers() throws Exception {
        decoy = new DecoyServer();
        api = HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/version", x -> {
            byte[] body = (versionStatus == 200 ? "{\"major\":\"1\",\"minor\":\"34\",\"gitVersion\":\"v1.34.4\"}"
                    : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"Unauthorized\",\"code\":401}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(versionStatus, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        api.start();
    }

    @AfterEach
    void closeTheServers() throws Exception {
        decoy.close();
        api.stop(0);
    }

    /** current-context {@code decoy} (a server that only counts connections); {@code lab} is the mock API server. */
    private Path kubeconfig(String labServer) throws Exception {
        Config c = new ConfigBuilder().withApiVersion("v1").withKind("Config")
                .addNewCluster().withName("decoy").withNewCluster().withServer("http://127.0.0.1:" + decoy.port())
                .endCluster().endCluster()
                .addNewCluster().withName("lab").withNewCluster().withServer(labServer).withInsecureSkipTlsVerify(true)
                .endCluster().endCluster()
                .addNewUser().withName("decoy-admin").withNewUser().withToken("decoy-token").endUser().endUser()
                .addNewUser().withName("learner").withNewUser().withToken("lab-token").endUser().endUser()
                .addNewContext().withName("decoy").withNewContext().withCluster("decoy").withUser("decoy-admin").endContext().endContext()
                .addNewContext().withName("lab").withNewContext().withCluster("lab").withUser("learner").endContext().endContext()
                .withCurrentContext("decoy").build();
        return Files.writeString(tmp.resolve("kubeconfig"), Kubeconfigs.toYaml(c));
    }

    private String mockUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort();
    }

    private void versionAnswers() {
        versionStatus = 200;
    }

    @Test
    void statusIsUpOnlyWhenTheContextsApiServerAnswers() throws Exception {
        versionAnswers();
        BackendStatus s = new ContextBackend(kubeconfig(mockUrl()), "lab", true).status();
        assertTrue(s.up(), s.line());
        assertTrue(s.line().contains("Kubernetes v1.34.4"), s.line());
        assertEquals(0, decoy.connections(), "the decoy current-context was contacted");
    }

    @Test
    void aKubeconfigThatExistsButWhoseServerIsDeadIsNotUp() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        BackendStatus s = new ContextBackend(kubeconfig("https://127.0.0.1:" + dead), "lab", true).status();
        assertInstanceOf(BackendStatus.Unavailable.class, s, s.line());
        assertTrue(s.line().contains("the Kubernetes API did not answer"), s.line());
        assertTrue(s.line().startsWith("unavailable: context lab ("), s.line());
        assertThrows(ClusterUnavailableException.class, () -> new ContextBackend(kubeconfig("https://127.0.0.1:" + dead), "lab", true)
                .up(m -> { }));
    }

    @Test
    void refusedCredentialsAreSaidAsSuch() throws Exception {
        versionStatus = 401;
        BackendStatus s = new ContextBackend(kubeconfig(mockUrl()), "lab", true).status();
        assertInstanceOf(BackendStatus.Unavailable.class, s, s.line());
        assertTrue(s.line().contains("refused the credentials (401 Unauthorized)"), s.line());
    }

    @Test
    void anUnknownContextIsOneLineNamingTheOnesThereAre() throws Exception {
        ClusterUnavailableException e = assertThrows(ClusterUnavailableException.class,
                () -> ContextCluster.open(kubeconfig(mockUrl()), "staging", true));
        assertTrue(e.getMessage().endsWith(": it has no context 'staging' (it has: decoy, lab)"), e.getMessage());
    }

    @Test
    void anEmptyContextNameIsBadInputNeverTheCurrentContext() throws Exception {
        Path kc = kubeconfig(mockUrl());
        assertThrows(ClusterSpecException.class, () -> ContextCluster.open(kc, "", true));
        assertThrows(ClusterSpecException.class, () -> ContextCluster.open(kc, null, true));
        assertThrows(ClusterSpecException.class, () -> ClusterChoice.choose("context:", kc, true, Map.of()));
        assertThrows(ClusterSpecException.class, () -> ClusterChoice.backend("context:", kc, true, Map.of(), tmp));
        assertThrows(ClusterSpecException.class, () -> ClusterChoice.checkSpec("context:"));
        ClusterChoice.checkSpec("context:lab");
    }

    @Test
    void everyKubectlKubelabStartsSeesOnlyThePinnedContext() throws Exception {
        versionAnswers();
        Cluster c = ClusterChoice.choose("context:lab", kubeconfig(mockUrl()), true, Map.of());
        assertFalse(c.kubeconfig().equals(tmp.resolve("kubeconfig")), "the user's own file must not be handed out");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(c.kubeconfig())));
        // a stand-in kubectl that prints what a real one would act on: the KUBECONFIG it was given
        Path fake = tmp.resolve("bin/kubectl");
        Files.createDirectories(fake.getParent());
        Files.writeString(fake, "#!/bin/sh\ncat \"$KUBECONFIG\"\n");
        fake.toFile().setExecutable(true);
        ProcessResult r = new Kubectl(fake, c.kubeconfig()).run(Duration.ofSeconds(10), "apply", "-f", "-");
        Config seen = Kubeconfigs.parse(r.stdout());
        assertEquals("lab", seen.getCurrentContext());
        assertEquals(1, seen.getContexts().size());
        assertEquals(1, seen.getClusters().size());
        assertFalse(r.stdout().contains("decoy"), r.stdout());
        assertEquals(0, decoy.connections());
    }

    @Test
    void imagesFromKubelabImagesOverrideThePublicOnes() throws Exception {
        versionAnswers();
        Path props = Files.writeString(tmp.resolve("images.properties"), "busybox=mirror.example/busybox:1.36.1\n");
        Cluster c = ClusterChoice.choose("context:lab", kubeconfig(mockUrl()), true,
                Map.of("KUBELAB_IMAGES", props.toString()));
        assertEquals("mirror.example/busybox:1.36.1", c.images().get("busybox"));
        assertEquals(Images.PUBLIC.get("debug"), c.images().get("debug"));
        assertThrows(ClusterSpecException.class, () -> ClusterChoice.choose("context:lab", kubeconfig(mockUrl()), true,
                Map.of("KUBELAB_IMAGES", tmp.resolve("missing").toString())));
    }
}
