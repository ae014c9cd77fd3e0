package dev.kubelab.kube;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real kubectl binary, always run as argv with the lesson's own KUBECONFIG. */
public record Kubectl(Path binary, Path kubeconfig) {

    /** KUBECONFIG of the lesson, and PATH with this kubectl's folder first (for {@code !} shell commands). */
    public Map<String, String> env() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        if (binary != null && binary.getParent() != null) {
            path = binary.getParent() + java.io.File.pathSeparator + path;
        }
        return Map.of("KUBECONFIG", kubeconfig.toString(), "PATH", path);
    }

    /** Runs {@code kubectl ARGS...}; {@code args} excludes the word kubectl itself. */
    public ProcessResult run(List<String> args, String stdin, Duration timeout,
                             OutputStream liveOut, OutputStream liveErr) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(binary.toString());
        argv.addAll(args);
        return ProcessRunner.run(argv, env(), stdin, timeout, liveOut, liveErr);
    }

    public ProcessResult run(Duration timeout, String... args) throws IOException {
        return run(List.of(args), null, timeout, null, null);
    }

    /**
     * Finds kubectl: {@code KUBELAB_KUBECTL}, then the backend's own binary, then PATH. The
     * backend's comes before PATH because a PATH kubectl may be a wrapper of another vendor's
     * (this VM ships gcloud's dispatcher) with a version that does not match the cluster.
     */
    public static Path locate(Map<String, String> env, Path backendKubectl) {
        String explicit = env.get("KUBELAB_KUBECTL");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        if (ProcessRunner.isExecutable(backendKubectl)) {
            return backendKubectl;
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && ProcessRunner.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl");
            }
        }
        return null;
    }
}
