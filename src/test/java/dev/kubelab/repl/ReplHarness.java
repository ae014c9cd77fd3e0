package dev.kubelab.repl;

import dev.kubelab.cluster.LocalCluster;
import org.jline.terminal.Terminal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Drives the whole REPL through a dumb terminal with injected streams, as {@code kubelab < file}
 * would: no tty, no colour, no questions. Without a cluster unless the environment names one.
 */
final class ReplHarness {

    static final Path RESOURCES = Path.of("src/test/resources/repl");
    static final Path LESSONS = RESOURCES.resolve("lessons");

    final Path home;
    final Map<String, String> env = new HashMap<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** Where the REPL gets its cluster; null: the local backend of {@link #env} (see {@link #clusters(Map)}). */
    ReplConfig.ClusterSource clusterSource;

    /** A fresh data directory, no cluster, the fake kubectl. */
    ReplHarness(Path tmp) throws IOException {
        this.home = tmp;
        Path kubectl = tmp.resolve("bin/kubectl");
        Files.createDirectories(kubectl.getParent());
        Files.copy(RESOURCES.resolve("fake-kubectl"), kubectl);
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        env.put("KUBELAB_HOME", tmp.resolve("data").toString());
        env.put("KUBELAB_LOCAL_STATE", tmp.resolve("no-cluster").toString());
        env.put("KUBELAB_KUBECTL", kubectl.toString());
        env.put("NO_COLOR", "1");
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", tmp.toString());
    }

    /** The same, but on the live local cluster ({@code KUBELAB_LOCAL_STATE}) with its own kubectl. */
    static ReplHarness live(Path tmp) throws IOException {
        ReplHarness h = new ReplHarness(tmp);
        h.env.remove("KUBELAB_KUBECTL");
        String state = System.getenv("KUBELAB_LOCAL_STATE");
        if (state == null || state.isBlank()) {
            h.env.remove("KUBELAB_LOCAL_STATE");
        } else {
            h.env.put("KUBELAB_LOCAL_STATE", state);
        }
        return h;
    }

    String run(String input) throws IOException {
        return run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), t -> { });
    }

    /** Runs to the end of input; {@code whileRunning} gets the terminal (to raise Ctrl-C). */
    String run(InputStream in, Consumer<Terminal> whileRunning) throws IOException {
        out.reset();
        Map<String, String> e = Map.copyOf(env);
        ReplConfig config = new ReplConfig("test", e, LESSONS, home, clusterSource != null ? clusterSource : clusters(e), false, false);
        try (Terminal terminal = ReplLauncher.dumb(in, out)) {
            whileRunning.accept(terminal);
            ReplLauncher.run(config, terminal, null);
        }
        return output();
    }

    /**
     * The local backend only: {@code auto} would also probe Docker for kind, and its message (and
     * so the golden files) would depend on the machine.
     */
    static ReplConfig.ClusterSource clusters(Map<String, String> env) {
        return progress -> LocalCluster.open(LocalCluster.stateDir(env));
    }

    String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Output with this run's temp paths and timings replaced, for golden comparison. */
    String normalised() {
        return normalise(output());
    }

    String normalise(String s) {
        return s.replace(home.toString(), "<TMP>")
                .replaceAll("\\d+(\\.\\d+)? (ms|s)\\b", "<T> $2")
                .replaceAll("kubelab-session-\\d{8}-\\d{4}", "kubelab-session-<DATE>")
                .replaceAll("/usr/\\S*bin/kubectl", "<KUBECTL>");
    }
}
