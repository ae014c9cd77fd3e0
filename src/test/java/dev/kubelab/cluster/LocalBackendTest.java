package dev.kubelab.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local backend drives clusters/local/kubelab-local; here a stand-in script records what it was asked. */
class LocalBackendTest {

    @TempDir
    Path tmp;

    /** A kubelab-local stand-in: {@code status} exits with STATUS_RC, {@code up} writes the kubeconfig, {@code down} removes it. */
    private LocalBackend backend(int statusRc) throws Exception {
        Path state = tmp.resolve("state");
        Path script = tmp.resolve("kubelab-local");
        Files.writeString(script, "#!/bin/sh\necho \"$1\" >> " + tmp.resolve("calls") + "\ncase \"$1\" in\n"
                + "status) echo 'cluster:    something'; exit " + statusRc + " ;;\n"
                + "build) echo 'build: cached' ;;\n"
                + "up) mkdir -p " + state.resolve("run") + " && echo 'apiVersion: v1' > " + state.resolve("kubeconfig")
                + " && echo " + ProcessHandle.current().pid() + " > " + state.resolve("run/kube-apiserver.pid")
                + " && echo 'up: ready'; echo 'a warning' >&2 ;;\n"
                + "down) rm -rf " + state + " ;;\nesac\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new LocalBackend(script, state);
    }

    @Test
    void statusFollowsTheScriptsExitCode() throws Exception {
        assertTrue(backend(0).status().up());
        BackendStatus.Down down = assertInstanceOf(BackendStatus.Down.class, backend(3).status());
        assertTrue(down.howToStart().endsWith("kubelab-local build && " + tmp.resolve("kubelab-local") + " up"), down.howToStart());
        BackendStatus.Unavailable broken = assertInstanceOf(BackendStatus.Unavailable.class, backend(1).status());
        assertTrue(broken.reason().contains("status failed (exit 1): cluster:    something"), broken.reason());
    }

    @Test
    void upBuildsThenStartsAndStreamsTheOutputDownRemoves() throws Exception {
        LocalBackend local = backend(3);
        List<String> progress = new ArrayList<>();
        Cluster c = local.up(progress::add);
        assertInstanceOf(LocalCluster.class, c);
        assertTrue(progress.contains("build: cached") && progress.contains("up: ready") && progress.contains("a warning"), progress.toString());
        assertEquals(List.of("build", "up"), Files.readAllLines(tmp.resolve("calls")));
        progress.clear();
        local.up(progress::add);
        assertEquals(List.of("build", "up"), Files.readAllLines(tmp.resolve("calls")), "already up: no second start");
        local.down(progress::add);
        assertTrue(!local.looksUp());
    }

    @Test
    void withoutTheScriptItSaysWhere() {
        LocalBackend none = new LocalBackend(tmp.resolve("missing/kubelab-local"), tmp.resolve("state"));
        assertInstanceOf(BackendStatus.Unavailable.class, none.status());
        ClusterUnavailableException e = assertThrows(ClusterUnavailableException.class, () -> none.up(m -> { }));
        assertTrue(e.getMessage().startsWith("no " + tmp.resolve("missing/kubelab-local")), e.getMessage());
    }
}
