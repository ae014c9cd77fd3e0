package dev.kubelab.workshop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A joined learner's side: sends their events to {@code workshop serve} in the background, in
 * order, retrying while the server is away (events carry ids, so a resend is stored once). A
 * refused event (bad token, malformed) is reported once and dropped: retrying cannot fix it.
 */
public final class EventClient implements AutoCloseable {

    /** What one post came to. */
    public sealed interface Outcome {
        record Stored() implements Outcome {
        }

        /** The server answered but refused (401/403/400): the message is its one line. */
        record Refused(int status, String message) implements Outcome {
        }

        /** No answer (server down, timeout): worth retrying. */
        record Unreachable(String message) implements Outcome {
        }
    }

    private final HttpClient http;
    private final URI events;
    private final String token;
    private final String learner;
    private final Consumer<String> warnings;
    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>(10_000);
    private final Thread sender;
    private volatile boolean closed;
    private volatile int pending;
    /** False after a post found no server: closing then does not wait for one. */
    private volatile boolean reachable = true;

    public EventClient(String server, String token, String learner, Consumer<String> warnings) {
        this(server, null, token, learner, warnings);
    }

    /**
     * {@code fingerprint}: the server's certificate as the join file pins it (an https server made
     * by provision); only that certificate is trusted. Null: plain HTTP, or a server with a CA-signed
     * certificate the JVM already trusts.
     */
    public EventClient(String server, String fingerprint, String token, String learner, Consumer<String> warnings) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (fingerprint != null && !fingerprint.isBlank()) {
            b.sslContext(ServerCertificate.pinnedContext(fingerprint));
        }
        this.http = b.build();
        this.events = URI.create(server.replaceAll("/+$", "") + "/api/events");
        this.token = token;
        this.learner = learner;
        this.warnings = warnings;
        this.sender = new Thread(this::loop, "kubelab-workshop-events");
        sender.setDaemon(true);
        sender.start();
    }

    public static EventClient join(JoinFile join, Consumer<String> warnings) {
        return new EventClient(join.server(), join.serverFingerprint(), join.token(), join.learner(), warnings);
    }

    public String learner() {
        return learner;
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Queues an event; never blocks the learner. */
    public void send(Event e) {
        synchronized (this) {
            pending++;
        }
        if (!queue.offer(e)) {
            synchronized (this) {
                pending--;
            }
            warnings.accept("workshop: too many unsent events; dropping one");
        }
    }

    /** One synchronous post (no retry). */
    public Outcome post(List<Event> batch) {
        StringBuilder body = new StringBuilder("[");
        for (Event e : batch) {
            body.append(body.length() > 1 ? "," : "").append(e.toJson());
        }
        body.append(']');
        HttpRequest req = HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return new Outcome.Stored();
            }
            if (r.statusCode() >= 500 || r.statusCode() == 429) {
                // 429: this learner's token is over the server's rate; the batch is kept and retried after a backoff
                return new Outcome.Unreachable("server error " + r.statusCode());
            }
            return new Outcome.Refused(r.statusCode(), r.body().strip());
        } catch (IOException e) {
            return new Outcome.Unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Unreachable("interrupted");
        }
    }

    private void loop() {
        boolean warned = false;
        while (!closed || !queue.isEmpty()) {
            List<Event> batch = new ArrayList<>();
            try {
                Event first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 99);
            } catch (InterruptedException e) {
                return;
            }
            long backoff = 250;
            while (true) {
                Outcome o = post(batch);
                reachable = !(o instanceof Outcome.Unreachable);
                if (o instanceof Outcome.Stored) {
                    warned = false;
                    break;
                }
                if (o instanceof Outcome.Refused r) {
                    warnings.accept("workshop: the server refused " + batch.size() + " event(s): " + r.message());
                    break;
                }
                if (!warned) {
                    warnings.accept("workshop: server not reachable (" + ((Outcome.Unreachable) o).message() + "); will retry");
                    warned = true;
                }
                if (closed && backoff > 2000) {
                    break;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    return;
                }
                backoff = Math.min(backoff * 2, 4000);
            }
            synchronized (this) {
                pending -= batch.size();
                notifyAll();
            }
        }
    }

    /** Waits until every queued event was sent or refused; false on timeout. */
    public synchronized boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Sends what is queued (up to 10 s: a busy server or machine is slow, not gone; not waiting for a server found away), then stops. */
    @Override
    public void close() {
        try {
            if (!flush(reachable ? Duration.ofSeconds(10) : Duration.ofMillis(500))) {
                int left;
                synchronized (this) {
                    left = pending;
                }
                warnings.accept("workshop: " + left + " event(s) not delivered to " + events.getHost() + ":" + events.getPort()
                        + " (the instructor's view misses them; your own progress is saved)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        sender.interrupt();
    }
}
