package dev.kubelab.workshop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on {@code workshop serve}, loopback only and bounded: L simulated learners post N events
 * each as fast as the server acknowledges them; an observer follows the dashboard's
 * {@code /api/view?since=V} as the page does (the server answers when the room changed) and notes
 * when each event shows (a learner's count reaching it). Halfway through the server is stopped and started again on the same store;
 * learners retry while it is away. Prints events/s, p50/p99 latency until the dashboard reflects
 * an event (all events, and those not posted across the restart), and whether any was lost.
 *
 * <pre>bench/workshop.sh [LEARNERS] [EVENTS_EACH] [INTERVAL_MS]</pre>
 */
public final class WorkshopLoad {

    /** The figures of one run. */
    public record Result(int learners, int events, long intervalMs, long stored, long shown, double seconds, double eventsPerSecond,
                         long p50Ms, long p99Ms, long p99SteadyMs, long restartGapMs) {
        public boolean lossless() {
            return stored == events && shown == events;
        }

        public String summary() {
            return String.format("%d learners x %d events (%s) = %d events in %.1f s: %.0f events/s held (restart included)%n"
                            + "dashboard reflects an event: p50 %d ms, p99 %d ms (all); p99 %d ms (events not posted across the restart; goal <= 1000)%n"
                            + "server restart mid-run: down %d ms; stored after restart %d of %d, shown %d of %d: %s",
                    learners, events / learners, intervalMs == 0 ? "as fast as acknowledged" : "one per " + intervalMs + " ms each",
                    events, seconds, eventsPerSecond, p50Ms, p99Ms, p99SteadyMs, restartGapMs,
                    stored, events, shown, events, lossless() ? "no event lost" : "EVENTS LOST");
        }
    }

    private WorkshopLoad() {
    }

    public static void main(String[] args) throws Exception {
        int learners = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int each = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        long interval = args.length > 2 ? Long.parseLong(args[2]) : 0;
        Path dir = Files.createTempDirectory("kubelab-load");
        Result r = run(learners, each, interval, dir, Duration.ofSeconds(180));
        System.out.println(r.summary());
        System.exit(r.lossless() ? 0 : 1);
    }

    /** The steps and the prediction the simulated learners report (the server refuses any other). */
    static final List<String> COLUMNS = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "cluster-dns/step-" + i).toList();
    static final Map<String, String> QUESTIONS = Map.of("cluster-dns/short-name-resolves", "does the short name resolve?");

    public static Result run(int learners, int each, long intervalMs, Path dir, Duration bound) throws Exception {
        if (learners > 200 || each > 1000) {
            throw new IllegalArgumentException("bounded: at most 200 learners and 1000 events each");
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int i = 0; i < learners; i++) {
            tokens.put(String.format("l%02d", i), "token-" + i);
        }
        WorkshopFile wf = new WorkshopFile("load", "instructor", tokens, List.of("cluster-dns"), "http://127.0.0.1");
        WorkshopServer first = WorkshopServer.start(wf, dir.resolve("events"), "127.0.0.1", 0, COLUMNS, QUESTIONS);
        int port = first.port();
        WorkshopServer[] server = {first};
        int total = learners * each;
        long[][] posted = new long[learners][each];
        long[][] shown = new long[learners][each];
        AtomicInteger acked = new AtomicInteger();
        AtomicLong restartStart = new AtomicLong();
        AtomicLong restartEnd = new AtomicLong();
        long deadline = System.nanoTime() + bound.toNanos();
        long t0 = System.nanoTime();
        volatileDone = false;

        Thread observer = new Thread(() -> observe(port, wf.token(), learners, each, shown, deadline));
        observer.start();
        List<Thread> threads = new ArrayList<>();
        String[] answers = {"yes", "no", "10.96.0.10", "garage.garage"};
        for (int i = 0; i < learners; i++) {
            int li = i;
            String name = String.format("l%02d", i);
            Thread t = new Thread(() -> {
                EventClient c = new EventClient("http://127.0.0.1:" + port, "token-" + li, name, w -> { });
                for (int k = 0; k < each && System.nanoTime() < deadline; k++) {
                    String step = "step-" + (k / 10);
                    Event e = switch (k % 4) {
                        case 0 -> Event.step(name + "-" + k, name, "cluster-dns", step, "started", System.currentTimeMillis());
                        case 1 -> Event.check(name + "-" + k, name, "cluster-dns", step, li % 3 != 0, System.currentTimeMillis());
                        case 2 -> Event.prediction(name + "-" + k, name, "cluster-dns", step, "short-name-resolves",
                                answers[(li + k) % answers.length], 1 + (li % 5), (li + k) % answers.length == 1, System.currentTimeMillis());
                        default -> Event.step(name + "-" + k, name, "cluster-dns", step, "passed", System.currentTimeMillis());
                    };
                    posted[li][k] = System.nanoTime();
                    while (System.nanoTime() < deadline) {
                        EventClient.Outcome o = c.post(List.of(e));
                        if (o instanceof EventClient.Outcome.Stored) {
                            acked.incrementAndGet();
                            sleep(intervalMs);
                            break;
                        }
                        if (o instanceof EventClient.Outcome.Refused r) {
                            throw new IllegalStateException("refused: " + r.message());
                        }
                        sleep(50);
                    }
                }
                c.close();
            }, "learner-" + i);
            threads.add(t);
            t.start();
        }
        // restart mid-run: stop, then start on the same store and port
        while (acked.get() < total / 2 && System.nanoTime() < deadline) {
            sleep(5);
        }
        restartStart.set(System.nanoTime());
        server[0].close();
        sleep(300);
        server[0] = startAgain(wf, dir, port, deadline);
        restartEnd.set(System.nanoTime());
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long wait = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server[0].room().counts().values().stream().mapToLong(Long::longValue).sum() < total && System.nanoTime() < wait) {
            sleep(20);
        }
        sleep(200);
        volatileDone = true;
        observer.join(5000);
        long stored = server[0].stored();
        server[0].close();
        List<Long> all = new ArrayList<>();
        List<Long> steady = new ArrayList<>();
        long shownCount = 0;
        for (int i = 0; i < learners; i++) {
            for (int k = 0; k < each; k++) {
                if (shown[i][k] == 0 || posted[i][k] == 0) {
                    continue;
                }
                shownCount++;
                long ms = Math.max(0, (shown[i][k] - posted[i][k]) / 1_000_000);
                all.add(ms);
                boolean acrossRestart = posted[i][k] <= restartEnd.get() && shown[i][k] >= restartStart.get();
                if (!acrossRestart) {
                    steady.add(ms);
                }
            }
        }
        return new Result(learners, total, intervalMs, stored, shownCount, seconds, total / seconds, pct(all, 50), pct(all, 99), pct(steady, 99),
                (restartEnd.get() - restartStart.get()) / 1_000_000);
    }

    private static volatile boolean volatileDone;

    private static WorkshopServer startAgain(WorkshopFile wf, Path dir, int port, long deadline) throws Exception {
        while (true) {
            try {
                return WorkshopServer.start(wf, dir.resolve("events"), "127.0.0.1", port, COLUMNS, QUESTIONS);
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(100);
            }
        }
    }

    private static final Pattern ROW = Pattern.compile("data-learner=\"l(\\d+)\" data-count=\"(\\d+)\"");

    /** Follows the dashboard's view like the page does (long-poll on its version); notes when each learner's k-th event shows. */
    private static void observe(int port, String token, int learners, int each, long[][] shown, long deadline) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        int[] seen = new int[learners];
        long version = -1;
        while (!volatileDone && System.nanoTime() < deadline) {
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/view?since=" + version + "&token=" + token))
                        .timeout(Duration.ofSeconds(2)).build();
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                long now = System.nanoTime();
                version = Long.parseLong(r.headers().firstValue("X-Room-Version").orElse("-1"));
                Matcher m = ROW.matcher(r.body());
                while (m.find()) {
                    int i = Integer.parseInt(m.group(1));
                    int count = Math.min(each, Integer.parseInt(m.group(2)));
                    for (int k = seen[i]; k < count; k++) {
                        shown[i][k] = now;
                    }
                    seen[i] = Math.max(seen[i], count);
                }
            } catch (Exception e) {
                // the server is restarting (its versions start again from what it rebuilt): ask afresh
                version = -1;
                sleep(50);
            }
        }
    }

    static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        long[] a = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a[Math.min(a.length - 1, (int) Math.ceil(p / 100.0 * a.length) - 1)];
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
