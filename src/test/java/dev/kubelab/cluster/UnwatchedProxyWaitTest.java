package dev.kubelab.cluster;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backend that cannot watch its Service proxy gives it {@link Cluster#UNWATCHED_PROXY_GRACE} after the last change. */
class UnwatchedProxyWaitTest {

    private final Cluster unwatched = new Cluster() {
        public String describe() {
            return "test";
        }

        public Path kubeconfig() {
            return Path.of("/dev/null");
        }

        public String context() {
            return null;
        }

        public Path kubectl() {
            return null;
        }

        public Map<String, String> images() {
            return Map.of();
        }

        public boolean ownedByKubelab() {
            return false;
        }
    };

    private long waitedMillis(Instant changedAt, Duration max) {
        long t0 = System.nanoTime();
        unwatched.awaitServiceRules(changedAt, max);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void anOldChangeNeedsNoWait() {
        long ms = waitedMillis(Instant.now().minusSeconds(10), Duration.ofSeconds(15));
        assertTrue(ms < 500, ms + " ms");
    }

    @Test
    void aRecentChangeWaitsOnlyForTheRestOfTheGrace() {
        Instant changed = Instant.now().minus(graceMinus(700));
        long ms = waitedMillis(changed, Duration.ofSeconds(15));
        assertTrue(ms >= 400 && ms < graceMinus(0).toMillis(), ms + " ms");
    }

    @Test
    void aChangeStampedAheadOfOurClockWaitsAtMostTheCapGiven() {
        long ms = waitedMillis(Instant.now().plusSeconds(3600), Duration.ofMillis(300));
        assertTrue(ms >= 250 && ms < 2000, ms + " ms");
    }

    private static Duration graceMinus(long millis) {
        return Cluster.UNWATCHED_PROXY_GRACE.minusMillis(millis);
    }
}
