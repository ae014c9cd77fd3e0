package dev.kubelab.kube;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an argv (never through a shell unless the caller asks for {@code sh -c}) with extra
 * environment, optional stdin, a timeout, and optional live copies of its output.
 */
public final class ProcessRunner {

    private ProcessRunner() {
    }

    public static ProcessResult run(List<String> argv, Map<String, String> env, String stdin,
                                    Duration timeout, OutputStream liveOut, OutputStream liveErr) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + argv.get(0) + ": " + Failures.rootMessage(e), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread tOut = pump(p.getInputStream(), out, liveOut);
        Thread tErr = pump(p.getErrorStream(), err, liveErr);
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the command did not read its stdin; that is its business
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            tOut.join(2000);
            tErr.join(2000);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", argv));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new ProcessResult(finished ? p.exitValue() : -1, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8), took, !finished);
    }

    public static ProcessResult run(List<String> argv, Duration timeout) throws IOException {
        return run(argv, Map.of(), null, timeout, null, null);
    }

    private static Thread pump(InputStream from, ByteArrayOutputStream to, OutputStream live) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = from.read(buf)) > 0) {
                    synchronized (to) {
                        to.write(buf, 0, n);
                    }
                    if (live != null) {
                        live.write(buf, 0, n);
                        live.flush();
                    }
                }
            } catch (IOException ignored) {
                // stream closed with the process
            }
        }, "pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Whether {@code path} is an executable regular file. */
    public static boolean isExecutable(Path path) {
        return path != null && java.nio.file.Files.isRegularFile(path) && java.nio.file.Files.isExecutable(path);
    }
}
