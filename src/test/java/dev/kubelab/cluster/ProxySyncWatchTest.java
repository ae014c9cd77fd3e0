package dev.kubelab.cluster;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading kube-proxy's sync timestamps (text as kube-proxy 1.3x prints it). */
class ProxySyncWatchTest {

    static String metrics(String queued, String synced) {
        return "# HELP kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds [ALPHA] The last time a sync of proxy rules was queued\n"
                + "kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds{ip_family=\"IPv4\"} " + queued + "\n"
                + "kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds{ip_family=\"IPv6\"} 1.7956461348157716e+09\n"
                + "kubeproxy_sync_proxy_rules_last_timestamp_seconds{ip_family=\"IPv4\"} " + synced + "\n"
                + "kubeproxy_sync_proxy_rules_last_timestamp_seconds{ip_family=\"IPv6\"} 1.795646135157794e+09\n";
    }

    @Test
    void rulesCoverAChangeOnlyWhenASyncWasQueuedAfterItAndNothingIsPending() {
        Instant change = Instant.ofEpochSecond(1_795_646_665L);
        // queued after the change, synced after that: covered
        assertTrue(ProxySyncWatch.parse(metrics("1.7956466653731494e+09", "1.7956466654172792e+09")).covers(change));
        // the change not yet seen by kube-proxy (its last queue is older)
        assertFalse(ProxySyncWatch.parse(metrics("1.795646660e+09", "1.795646661e+09")).covers(change));
        // seen and queued, but the sync has not run yet
        assertFalse(ProxySyncWatch.parse(metrics("1.7956466659e+09", "1.7956466650e+09")).covers(change));
    }

    @Test
    void unreadableMetricsAreNull() {
        assertNull(ProxySyncWatch.parse("# nothing here\n"));
        assertNull(ProxySyncWatch.parse(metrics("NaNx", "1")));
    }
}
