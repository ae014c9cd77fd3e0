package dev.kubelab.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

/**
 * Long-running commands (port-forward, anything ended with {@code &}) started in the background.
 * Their output goes to a log file; they are stopped on request, on lesson change and on exit.
 */
public final class JobTable implements AutoCloseable {

    public record Job(int number, String command, Process process, Path log) {
        public boolean alive() {
            return process.isAlive();
        }

        public String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }
    }

    private final Map<Integer, Job> jobs = new ConcurrentSkipListMap<>();
    private int next = 1;

    public synchronized Job start(String display, List<String> argv, Map<String, String> env) throws IOException {
        Path log = Files.createTempFile("kubelab-job-", ".log");
        log.toFile().deleteOnExit();
        ProcessBuilder pb = new ProcessBuilder(detached(argv)).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Job job = new Job(next++, display, pb.start(), log);
        jobs.put(job.number(), job);
        return job;
    }

    private static final java.nio.file.Path SETSID = java.nio.file.Path.of("/usr/bin/setsid");

    /**
     * In a session of its own (setsid execs in place, so the pid stays the job's): Ctrl-C at the
     * terminal signals the foreground process group, and must not stop a port-forward.
     */
    static List<String> detached(List<String> argv) {
        if (!Files.isExecutable(SETSID)) {
            return argv;
        }
        List<String> out = new ArrayList<>();
        out.add(SETSID.toString());
        out.addAll(argv);
        return out;
    }

    public List<Job> list() {
        return new ArrayList<>(jobs.values());
    }

    public boolean kill(int number) {
        Job job = jobs.remove(number);
        if (job == null) {
            return false;
        }
        stop(job);
        return true;
    }

    public void killAll() {
        for (Job job : list()) {
            kill(job.number());
        }
    }

    private static void stop(Job job) {
        job.process().descendants().forEach(ProcessHandle::destroy);
        job.process().destroy();
        try {
            if (!job.process().waitFor(3, TimeUnit.SECONDS)) {
                job.process().destroyForcibly();
            }
        } catch (InterruptedException e) {
            job.process().destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(job.log());
        } catch (IOException ignored) {
            // a temp file; deleteOnExit also has it
        }
    }

    @Override
    public void close() {
        killAll();
    }
}
