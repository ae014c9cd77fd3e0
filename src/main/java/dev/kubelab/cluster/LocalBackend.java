package dev.kubelab.cluster;

import dev.kubelab.kube.ProcessResult;
import dev.kubelab.kube.ProcessRunner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The from-source cluster of {@code clusters/local}, driven through its script
 * ({@code kubelab-local build|up|down|status}; status exits 0 when up, 3 when down).
 */
public final class LocalBackend implements ClusterBackend {

    private final Path script;
    private final Path state;

    public LocalBackend(Path script, Path state) {
        this.script = script;
        this.state = state;
    }

    public static LocalBackend fromEnv(Map<String, String> env, Path root) {
        return new LocalBackend(root.resolve("clusters/local/kubelab-local"), LocalCluster.stateDir(env));
    }

    @Override
    public String name() {
        return "local";
    }

    public boolean looksUp() {
        return LocalCluster.looksUp(state);
    }

    @Override
    public BackendStatus status() {
        if (!Files.isExecutable(script)) {
            return LocalCluster.looksUp(state) ? new BackendStatus.Up("state " + state + " (no " + script + " to ask)")
                    : new BackendStatus.Unavailable("no " + script + " here: the local cluster is built from a kubelab checkout");
        }
        try {
            ProcessResult r = ProcessRunner.run(List.of(script.toString(), "status"), Map.of(), null, Duration.ofSeconds(20), null, null);
            if (r.exitCode() == 0) {
                return new BackendStatus.Up("state " + state + ", kubeconfig " + state.resolve("kubeconfig"));
            }
            if (r.exitCode() == 3) {
                return new BackendStatus.Down("not running", script + " build && " + script + " up");
            }
            return new BackendStatus.Unavailable(script.getFileName() + " status failed (exit " + r.exitCode() + "): "
                    + r.combined().lines().reduce((a, b) -> b).orElse(""));
        } catch (IOException e) {
            return new BackendStatus.Unavailable("cannot run " + script + ": " + e.getMessage());
        }
    }

    /** The cluster if it is up; otherwise builds (cached) and starts it, streaming the script's output. */
    @Override
    public Cluster up(Consumer<String> progress) throws ClusterUnavailableException {
        if (!LocalCluster.looksUp(state)) {
            requireScript();
            run("build", progress);
            run("up", progress);
        } else {
            progress.accept("local cluster already up (" + state + ")");
        }
        return LocalCluster.open(state);
    }

    @Override
    public String down(Consumer<String> progress) throws ClusterUnavailableException {
        requireScript();
        run("down", progress);
        return "local: stopped and removed (" + state + ")";
    }

    private void requireScript() throws ClusterUnavailableException {
        if (!Files.isExecutable(script)) {
            throw new ClusterUnavailableException("no " + script + ": run kubelab from its checkout (or set kubelab.root)");
        }
    }

    private void run(String verb, Consumer<String> progress) throws ClusterUnavailableException {
        progress.accept("$ " + script + " " + verb);
        LineSink out = new LineSink(progress);
        LineSink err = new LineSink(progress);
        try {
            ProcessResult r = ProcessRunner.run(List.of(script.toString(), verb), Map.of(), null, Duration.ofHours(2), out, err);
            out.flush();
            err.flush();
            if (!r.ok()) {
                throw new ClusterUnavailableException(script.getFileName() + " " + verb + " failed (exit " + r.exitCode()
                        + "); its output is above");
            }
        } catch (IOException e) {
            throw new ClusterUnavailableException("cannot run " + script + " " + verb + ": " + e.getMessage());
        }
    }

    /** Splits a process's output into lines for a progress consumer. */
    static final class LineSink extends OutputStream {
        private final Consumer<String> progress;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSink(Consumer<String> progress) {
            this.progress = progress;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flush();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                progress.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }
}
