package dev.kubelab.explain;

import dev.kubelab.kube.Failures;
import dev.kubelab.kube.PodExec;
import dev.kubelab.kube.ProcessResult;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

/** Runs an argv in a pod for a layer; a command that cannot run is {@link CannotRun}, never an answer. */
final class PodShell {

    private final KubernetesClient api;

    PodShell(KubernetesClient api) {
        this.api = api;
    }

    /** Why a command could not run in a pod (no shell or tool in the image, exec refused). */
    static final class CannotRun extends Exception {
        CannotRun(String message) {
            super(message);
        }
    }

    ProcessResult run(Pod pod, Duration timeout, List<String> argv) throws CannotRun {
        String where = Pods.describe(pod);
        try {
            ProcessResult r = PodExec.exec(api, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), null, timeout, argv);
            if (r.exitCode() == 126 || r.exitCode() == 127 || r.combined().contains("executable file not found")
                    || r.combined().contains("no such file or directory")) {
                String said = r.combined().isEmpty() ? "" : ": " + r.combined().lines().reduce((a, b) -> b).orElse("").strip();
                throw new CannotRun("`" + argv.get(0) + "` cannot run in pod " + where + " (not in its image" + said + ")");
            }
            return r;
        } catch (ExecutionException e) {
            String m = Failures.rootMessage(e);
            throw new CannotRun("cannot exec into pod " + where + ": " + (m.contains("403") || m.contains("orbidden")
                    ? "forbidden for your account" : m.length() > 160 ? m.substring(0, 160) + "..." : m));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotRun("interrupted");
        }
    }
}
