package dev.kubelab.session;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs lesson verifications on {@code jobs} workers, in the order given, except that tasks that
 * bind ports on this machine (port-forwards, local probes) never run at the same time as each
 * other: those ports are shared by every namespace slice. A worker skips over such a task while
 * another holds the ports, so no worker idles while anything else could run.
 */
public final class VerifyQueue<R> {

    /**
     * One verification; {@code localPorts}: it binds or probes ports on this machine; {@code weight}:
     * how long it is expected to take, relative to the others (for ordering).
     */
    public record Task<R>(String label, boolean localPorts, int weight, Supplier<R> run) {
    }

    private final LinkedList<Task<R>> waiting;
    private boolean portsTaken;

    private VerifyQueue(List<Task<R>> tasks) {
        this.waiting = new LinkedList<>(tasks);
    }

    /**
     * Runs every task and returns their results in the tasks' order; {@code finished} sees each
     * result as it comes (called from the worker, one at a time).
     */
    public static <R> List<R> run(List<Task<R>> tasks, int jobs, Consumer<R> finished) throws InterruptedException {
        VerifyQueue<R> q = new VerifyQueue<>(tasks);
        java.util.Map<Task<R>, Integer> position = new java.util.IdentityHashMap<>();
        List<R> results = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            position.put(tasks.get(i), i);
            results.add(null);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, tasks.size())), r -> {
            Thread t = new Thread(r, "kubelab-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < Math.max(1, Math.min(jobs, tasks.size())); w++) {
                workers.add(pool.submit(() -> {
                    Task<R> t;
                    while ((t = q.next()) != null) {
                        try {
                            R r = t.run().get();
                            synchronized (results) {
                                results.set(position.get(t), r);
                            }
                            synchronized (finished) {
                                finished.accept(r);
                            }
                        } finally {
                            q.done(t);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a verification crashed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    /** The next task this worker may start, waiting while only port-bound tasks remain and the ports are taken. */
    private synchronized Task<R> next() throws InterruptedException {
        while (true) {
            if (waiting.isEmpty()) {
                return null;
            }
            for (Task<R> t : waiting) {
                if (!t.localPorts() || !portsTaken) {
                    waiting.remove(t);
                    portsTaken |= t.localPorts();
                    return t;
                }
            }
            wait();
        }
    }

    private synchronized void done(Task<R> t) {
        if (t.localPorts()) {
            portsTaken = false;
        }
        notifyAll();
    }
}
