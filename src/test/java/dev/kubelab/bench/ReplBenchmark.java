package dev.kubelab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures the REPL as a learner meets it, by driving {@code ./kubelab} (or KUBELAB_CMD) over a
 * pipe and timing prompts: launch to first prompt (fresh, and resuming a lesson on a running
 * cluster), first and later Java eval latency, and the process's RSS after working through a
 * lesson. Run by {@code bench/repl.sh}.
 */
public final class ReplBenchmark {

    private final Process process;
    private final StringBuilder out = new StringBuilder();
    private final OutputStream in;
    private int consumed;

    private ReplBenchmark(List<String> cmd, Path home, Path lessons) throws IOException {
        List<String> argv = new ArrayList<>(cmd);
        argv.add("--lessons");
        argv.add(lessons.toString());
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("KUBELAB_HOME", home.toString());
        pb.environment().put("NO_COLOR", "1");
        process = pb.start();
        in = process.getOutputStream();
        Thread t = new Thread(() -> pump(process.getInputStream()), "bench-out");
        t.setDaemon(true);
        t.start();
    }

    private void pump(InputStream s) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = s.read(buf)) > 0) {
                synchronized (out) {
                    out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    out.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    /** Waits until the output (since the last call) ends with a prompt; returns what came. */
    private String awaitPrompt(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (out) {
            while (true) {
                String tail = out.substring(consumed);
                if (tail.endsWith("kubelab> ") || tail.endsWith("] ")) {
                    consumed = out.length();
                    return tail;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || !process.isAlive()) {
                    throw new IllegalStateException("no prompt within " + timeoutMs + " ms; output so far:\n" + out);
                }
                out.wait(Math.min(left, 50));
            }
        }
    }

    /** Sends a line; times until its echo was followed by the next prompt (stale prompts don't count). */
    private long send(String line, long timeoutMs) throws Exception {
        long t0 = System.nanoTime();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (out) {
            int echo;
            while ((echo = out.indexOf(line + "\n", consumed)) < 0) {
                if (System.currentTimeMillis() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("no echo of «" + line + "»; output:\n" + out);
                }
                out.wait(20);
            }
            consumed = echo + line.length() + 1;
        }
        awaitPrompt(Math.max(1, deadline - System.currentTimeMillis()));
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private long rssMb() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D+", "")) / 1024;
            }
        }
        return -1;
    }

    private void quit() throws Exception {
        in.write("/quit\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        process.waitFor(30, TimeUnit.SECONDS);
        process.destroy();
    }

    static ReplBenchmark start(List<String> cmd, Path home, Path lessons) throws Exception {
        return new ReplBenchmark(cmd, home, lessons);
    }

    public static void main(String[] args) throws Exception {
        List<String> cmd = List.of((System.getenv().getOrDefault("KUBELAB_CMD", "./kubelab")).split(" "));
        Path lessons = Path.of(args.length > 0 ? args[0] : "src/test/resources/repl/lessons");
        Path home = Files.createTempDirectory("kubelab-bench");
        boolean cluster = Files.isRegularFile(Path.of(System.getenv().getOrDefault("KUBELAB_LOCAL_STATE",
                "/var/lib/kubelab/local"), "kubeconfig"));
        System.out.println("kubelab REPL benchmark (" + (cluster ? "local cluster up" : "NO cluster: lesson steps skipped")
                + ", lessons " + lessons + ")");

        // 1. launch to prompt, fresh data directory; then Java latency
        long t0 = System.nanoTime();
        ReplBenchmark b = start(cmd, home, lessons);
        b.awaitPrompt(60_000);
        long fresh = (System.nanoTime() - t0) / 1_000_000;
        long first = b.send("1 + 1", 30_000);
        List<Long> later = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            later.add(b.send("int v" + i + " = " + i + " * 2;", 10_000));
        }
        Collections.sort(later);
        long sum = later.stream().mapToLong(Long::longValue).sum();
        System.out.printf("launch to prompt (fresh):            %5d ms   (goal <= 2000)%n", fresh);
        System.out.printf("first Java eval (typed at once):     %5d ms   (goal <= 1500)%n", first);
        System.out.printf("later Java evals, 30: median %d ms, mean %d ms, max %d ms   (goal <= 100)%n",
                later.get(later.size() / 2), sum / later.size(), later.get(later.size() - 1));

        // 2. a lesson, then RSS
        if (cluster) {
            long open = b.send("/open pod-ips", 30_000);
            long answer = b.send("yes", 10_000);
            long graded = b.send("3", 180_000);
            long kubectl = b.send("kubectl -n kl-repl get pods -o wide", 60_000);
            long java = b.send("pods(\"kl-repl\")", 30_000);
            long check = b.send("/check", 60_000);
            long label = b.send("kubectl -n kl-repl label pod web tier=front --overwrite", 60_000);
            b.send("/next", 30_000);
            b.send("1", 10_000);
            long graded2 = b.send("", 60_000);
            System.out.printf("lesson: /open %d ms, prediction graded %d ms (incl. setup wait), again %d ms, kubectl %d ms,"
                    + " Java client %d ms, /check %d ms, command + quiet check %d ms%n", open, graded, graded2, kubectl, java,
                    check, label);
        }
        System.out.printf("RSS after %s:  %5d MB   (goal <= 300)%n", cluster ? "the lesson" : "the Java evals", b.rssMb());
        b.quit();

        // 3. launch to prompt when resuming the lesson (setup goes on in the background)
        if (cluster) {
            t0 = System.nanoTime();
            ReplBenchmark r = start(cmd, home, lessons);
            r.awaitPrompt(60_000);
            long resume = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("launch to prompt (resuming, cluster up): %5d ms   (goal <= 2000)%n", resume);
            r.quit();
            new ProcessBuilder("sh", "-c", "kubectl=${KUBELAB_KUBECTL:-/var/lib/kubelab/local/bin/kubectl}; "
                    + "$kubectl --kubeconfig ${KUBELAB_LOCAL_STATE:-/var/lib/kubelab/local}/kubeconfig delete ns kl-repl "
                    + "--ignore-not-found --wait=false >/dev/null").inheritIO().start().waitFor();
        }
    }
}
