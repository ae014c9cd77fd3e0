package dev.kubelab.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyQueueTest {

    /** Counts how many tasks run at once, and how many of those bind local ports. */
    private static final class Meter {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger portTasks = new AtomicInteger();
        final AtomicInteger mostPortTasks = new AtomicInteger();
        final List<String> started = Collections.synchronizedList(new ArrayList<>());

        VerifyQueue.Task<String> task(String label, boolean ports, long ms) {
            return new VerifyQueue.Task<>(label, ports, 1, () -> {
                started.add(label);
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                if (ports) {
                    mostPortTasks.accumulateAndGet(portTasks.incrementAndGet(), Math::max);
                }
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (ports) {
                    portTasks.decrementAndGet();
                }
                running.decrementAndGet();
                return label + " done";
            });
        }
    }

    @Test
    void runsSideBySideButNeverTwoTasksThatBindLocalPorts() throws Exception {
        Meter m = new Meter();
        List<VerifyQueue.Task<String>> tasks = List.of(m.task("forward-a", true, 300), m.task("forward-b", true, 300),
                m.task("plain-c", false, 200), m.task("plain-d", false, 200), m.task("plain-e", false, 200));
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        List<String> results = VerifyQueue.run(tasks, 3, finished::add);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(List.of("forward-a done", "forward-b done", "plain-c done", "plain-d done", "plain-e done"), results,
                "results in the tasks' order");
        assertEquals(5, finished.size());
        assertEquals(1, m.mostPortTasks.get(), "two port-binding tasks ran at once");
        assertEquals(3, m.most.get(), "three workers were all busy at some point");
        // forward-b is passed over while forward-a holds the ports: the plain tasks start first
        assertTrue(m.started.indexOf("forward-b") > m.started.indexOf("plain-d"), m.started.toString());
        assertTrue(ms < 900, "a, then b, beside c/d/e: about 600 ms, took " + ms);
    }

    @Test
    void oneJobRunsTheTasksInOrder() throws Exception {
        Meter m = new Meter();
        List<VerifyQueue.Task<String>> tasks = List.of(m.task("a", false, 10), m.task("b", true, 10), m.task("c", false, 10));
        VerifyQueue.run(tasks, 1, r -> { });
        assertEquals(List.of("a", "b", "c"), m.started);
        assertEquals(1, m.most.get());
    }
}
