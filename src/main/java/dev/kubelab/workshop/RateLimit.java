package dev.kubelab.workshop;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per learner: a client that batches its events (EventClient does) never meets it;
 * a script flooding the server with one learner's token is answered 429 without touching the
 * store or the room, and other learners are not slowed.
 */
final class RateLimit {

    static final int PER_SECOND = 20;
    static final int BURST = 40;

    private final double perNano;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    RateLimit(int perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
    }

    /** Takes one request from {@code key}'s bucket; false when it is empty. */
    boolean allow(String key) {
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.refilledAt) * perNano);
            b.refilledAt = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }
}
