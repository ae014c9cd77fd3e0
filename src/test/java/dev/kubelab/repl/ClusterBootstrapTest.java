package dev.kubelab.repl;

import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No cluster: offer to build and start the local one when a person is there; print the command when not. */
class ClusterBootstrapTest {

    @TempDir
    Path tmp;

    private String run(ReplHarness h, boolean interactive, String input) throws Exception {
        Path script = tmp.resolve("clusters/local/kubelab-local");
        Files.createDirectories(script.getParent());
        Files.copy(ReplHarness.RESOURCES.resolve("clusters-local/kubelab-local"), script, StandardCopyOption.REPLACE_EXISTING);
        script.toFile().setExecutable(true);
        Map<String, String> env = Map.copyOf(h.env);
        ReplConfig config = new ReplConfig("test", env, ReplHarness.LESSONS, tmp,
                ReplHarness.clusters(env), interactive, false);
        try (Terminal t = ReplLauncher.dumb(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), h.out)) {
            ReplLauncher.run(config, t, null);
        }
        return h.normalised();
    }

    @Test
    void withoutAPersonItPrintsTheExactCommand() throws Exception {
        String out = run(new ReplHarness(tmp), false, "");
        assertTrue(out.contains("    <TMP>/clusters/local/kubelab-local build && <TMP>/clusters/local/kubelab-local up"), out);
        assertFalse(out.contains("Build and start it now?"), out);
    }

    @Test
    void aPersonCanHaveItBuiltAndStarted() throws Exception {
        ReplHarness h = new ReplHarness(tmp);
        String out = run(h, true, "y\n/status\n");
        assertTrue(out.contains("? Build and start it now? [y/N] "), out);
        assertTrue(out.contains("$ <TMP>/clusters/local/kubelab-local build"), out);
        assertTrue(out.contains("building Kubernetes ... (pretend)"), out);
        assertTrue(out.contains("cluster up; kubeconfig: <TMP>/no-cluster/kubeconfig"), out);
        assertTrue(out.contains("✔ Cluster up: local (<TMP>/no-cluster)"), out);
        assertTrue(out.contains("  cluster:  local (<TMP>/no-cluster)"), out);
        Golden.assertNoStackTrace(out);
    }

    @Test
    void sayingNoLeavesItAlone() throws Exception {
        String out = run(new ReplHarness(tmp), true, "n\n");
        assertTrue(out.contains("Fine: run those commands whenever you like"), out);
        assertFalse(out.contains("(pretend)"), out);
    }
}
