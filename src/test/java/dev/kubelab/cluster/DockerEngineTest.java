package dev.kubelab.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Docker probe and the kind backend's socket calls, against a fake Docker socket: no Docker needed. */
class DockerEngineTest {

    @TempDir
    Path tmp;

    private static long millisOf(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void missingSocketIsReportedAtOnceWithWhatToDo() {
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + tmp.resolve("docker.sock"), "HOME", tmp.toString());
        KindBackend kind = KindBackend.fromEnv(env);
        BackendStatus[] s = new BackendStatus[1];
        long ms = millisOf(() -> s[0] = kind.status());
        assertTrue(ms < 2000, "took " + ms + " ms");
        BackendStatus.Unavailable u = assertInstanceOf(BackendStatus.Unavailable.class, s[0]);
        assertTrue(u.reason().startsWith("Docker is not available: no Docker socket at " + tmp.resolve("docker.sock")), u.reason());
        assertTrue(u.reason().contains("DOCKER_HOST"), u.reason());
        assertTrue(u.reason().contains("clusters/local/kubelab-local build && clusters/local/kubelab-local up"), u.reason());
        ClusterUnavailableException e = assertThrows(ClusterUnavailableException.class, () -> kind.up(m -> { }));
        assertTrue(e.getMessage().startsWith("Docker is not available"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aSocketThatNeverAnswersTimesOutWithinTwoSeconds() throws Exception {
        Path sock = tmp.resolve("silent.sock");
        try (FakeDocker silent = new FakeDocker(sock, req -> null)) {
            DockerEngine engine = new DockerEngine("unix://" + sock, Duration.ofMillis(1500));
            DockerStatus[] s = new DockerStatus[1];
            long ms = millisOf(() -> s[0] = engine.ping());
            assertTrue(ms < 2500, "took " + ms + " ms");
            DockerStatus.Missing m = assertInstanceOf(DockerStatus.Missing.class, s[0]);
            assertTrue(m.reason().contains("did not answer within 1500 ms"), m.reason());
        }
    }

    @Test
    void aRefusedConnectionIsMissingNotACrash() throws Exception {
        Path sock = tmp.resolve("stale.sock");
        Files.createFile(sock); // a stale socket file: nobody listens
        DockerStatus s = new DockerEngine("unix://" + sock, Duration.ofMillis(1500)).ping();
        assertTrue(assertInstanceOf(DockerStatus.Missing.class, s).reason().startsWith("cannot reach Docker at unix://"));
    }

    @Test
    void pingReadsTheApiVersion() throws Exception {
        Path sock = tmp.resolve("docker.sock");
        try (FakeDocker d = new FakeDocker(sock, req -> FakeDocker.reply(200, "OK", "Api-Version: 1.51"))) {
            DockerStatus s = new DockerEngine("unix://" + sock, Duration.ofSeconds(2)).ping();
            assertEquals(new DockerStatus.Available("unix://" + sock, "1.51"), s);
            assertEquals(List.of("GET /_ping"), d.requests);
        }
    }

    @Test
    void kindStatusUpAndDownThroughTheSocket() throws Exception {
        Path sock = tmp.resolve("docker.sock");
        String node = "[{\"Id\":\"0123456789abcdef\",\"State\":\"running\",\"Labels\":{\"dev.kubelab.backend\":\"kind\"},"
                + "\"Ports\":[{\"PrivatePort\":6443,\"PublicPort\":41234,\"Type\":\"tcp\"}]}]";
        boolean[] removed = new boolean[1];
        try (FakeDocker d = new FakeDocker(sock, req -> {
            if (req.startsWith("GET /_ping")) {
                return FakeDocker.reply(200, "OK");
            }
            if (req.startsWith("GET /containers/json")) {
                return FakeDocker.reply(200, removed[0] ? "[]" : node);
            }
            if (req.startsWith("DELETE /containers/0123456789abcdef")) {
                removed[0] = true;
                return FakeDocker.reply(204, "");
            }
            if (req.startsWith("DELETE /volumes/" + KindBackend.VOLUME)) {
                return FakeDocker.reply(204, "");
            }
            return FakeDocker.reply(500, "unexpected " + req);
        })) {
            Path state = tmp.resolve("kind-state");
            KindBackend kind = KindBackend.fromEnv(Map.of("DOCKER_HOST", "unix://" + sock, "KUBELAB_KIND_STATE", state.toString()));
            // running node but no kubeconfig yet: not usable, `up` will fetch it
            assertInstanceOf(BackendStatus.Down.class, kind.status());
            Files.createDirectories(state);
            Files.writeString(state.resolve("kubeconfig"), "server: https://127.0.0.1:41234\n");
            assertTrue(kind.status().up(), kind.status().line());
            assertTrue(kind.running().isPresent());
            assertTrue(kind.running().get().ownedByKubelab());
            assertTrue(d.requests.stream().anyMatch(r -> r.contains("dev.kubelab.backend%3Dkind")), d.requests.toString());

            List<String> progress = new ArrayList<>();
            String summary = kind.down(progress::add);
            assertTrue(summary.contains("removed 1 container(s), volume " + KindBackend.VOLUME), summary);
            assertTrue(d.requests.contains("DELETE /containers/0123456789abcdef?force=true&v=true"), d.requests.toString());
            assertFalse(Files.exists(state.resolve("kubeconfig")));
            assertInstanceOf(BackendStatus.Down.class, kind.status());
        }
    }

    @Test
    void chunkedRepliesAreDecoded() throws Exception {
        byte[] raw = ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n[{}\r\n1\r\n]\r\n0\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("[{}]", DockerEngine.parse(raw).body());
    }
}
