package dev.kubelab.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads kube-proxy's own metrics ({@code kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds} and
 * {@code ..._last_timestamp_seconds}, IPv4) to tell whether the rules for every change up to a moment are in
 * place: a sync was queued at or after that moment, and the last completed sync is not older than the last
 * queued one. Used by backends whose kube-proxy runs on this machine.
 */
final class ProxySyncWatch {

    private static final Pattern QUEUED = metric("kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds");
    private static final Pattern SYNCED = metric("kubeproxy_sync_proxy_rules_last_timestamp_seconds");

    private final URI metrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    ProxySyncWatch(URI metrics) {
        this.metrics = metrics;
    }

    private static Pattern metric(String name) {
        return Pattern.compile("^" + name + "\\{ip_family=\"IPv4\"\\} (\\S+)$", Pattern.MULTILINE);
    }

    /** The two timestamps, or null when the metrics cannot be read or parsed. */
    record State(double queued, double synced) {
        boolean covers(Instant changedAt) {
            // the EndpointSlice trigger time has whole seconds: a sync queued within that second counts
            return queued >= changedAt.getEpochSecond() && synced >= queued;
        }
    }

    static State parse(String text) {
        Matcher q = QUEUED.matcher(text);
        Matcher s = SYNCED.matcher(text);
        if (!q.find() || !s.find()) {
            return null;
        }
        try {
            return new State(Double.parseDouble(q.group(1)), Double.parseDouble(s.group(1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    State read() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? parse(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Waits until the rules cover {@code changedAt}; gives up quietly after {@code max} or when nothing can be read. */
    boolean await(Instant changedAt, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            State s = read();
            if (s == null) {
                return false;
            }
            if (s.covers(changedAt)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
