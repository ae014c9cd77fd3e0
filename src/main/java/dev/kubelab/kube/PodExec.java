package dev.kubelab.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs an argv inside a container over the exec API; always bounded in time, always closed. */
public final class PodExec {

    private PodExec() {
    }

    /**
     * @return the result; {@code timedOut} when the command did not finish in {@code timeout}
     * @throws ExecutionException when the API refused the exec (pod gone, container missing, ...)
     */
    public static ProcessResult exec(KubernetesClient client, String namespace, String pod, String container,
                                     Duration timeout, List<String> argv) throws ExecutionException, InterruptedException {
        try {
            return execOnce(client, namespace, pod, container, timeout, argv);
        } catch (ExecutionException e) {
            // the exec's WebSocket was cut before anything came back (seen on a busy 2-core node): the probes'
            // commands only read, so one more try is safe; a second cut is reported as it is
            String why = String.valueOf(Failures.rootMessage(e));
            if (!why.contains("closed unexpectedly") && !why.contains("Connection was closed")) {
                throw e;
            }
            Thread.sleep(250);
            return execOnce(client, namespace, pod, container, timeout, argv);
        }
    }

    private static ProcessResult execOnce(KubernetesClient client, String namespace, String pod, String container,
                                          Duration timeout, List<String> argv) throws ExecutionException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        PodResource resource = client.pods().inNamespace(namespace).withName(pod);
        var target = container == null ? resource : resource.inContainer(container);
        ExecWatch watch = null;
        // a command that cannot start (not in the image) has no exit code, only a Status message
        StringBuilder status = new StringBuilder();
        ExecListener listener = new ExecListener() {
            @Override
            public void onClose(int code, String reason) {
                // the exit code arrives through exitCode()
            }

            @Override
            public void onExit(int code, Status s) {
                if (s != null && s.getMessage() != null && !"Success".equals(s.getStatus())
                        && !"NonZeroExitCode".equals(s.getReason())) {
                    synchronized (status) {
                        status.append(s.getMessage());
                    }
                }
            }
        };
        try {
            watch = target.writingOutput(out).writingError(err).usingListener(listener).exec(argv.toArray(String[]::new));
            Integer code;
            boolean timedOut = false;
            try {
                code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                code = -1;
                timedOut = true;
            }
            String stderr = err.toString(StandardCharsets.UTF_8);
            synchronized (status) {
                if (status.length() > 0) {
                    stderr = stderr + (stderr.isEmpty() ? "" : "\n") + status;
                }
            }
            return new ProcessResult(code == null ? -1 : code, out.toString(StandardCharsets.UTF_8),
                    stderr, Duration.ofNanos(System.nanoTime() - start), timedOut);
        } catch (RuntimeException e) {
            throw new ExecutionException(e.getMessage(), e);
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }
}
