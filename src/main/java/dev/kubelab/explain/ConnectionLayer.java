package dev.kubelab.explain;

import dev.kubelab.kube.ProcessResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.kubelab.probe.TcpAttempt;

/**
 * The connection itself, from the client pod to the destination as written: connected, refused
 * (something answered "nothing here") or timed out (packets dropped), told apart by how long the
 * failure took. It is started first and runs while the other layers are read.
 */
final class ConnectionLayer {

    /** Seconds nc waits for the handshake: a cluster-internal SYN is answered in milliseconds or dropped. */
    static final int CONNECT_SECONDS = 2;

    void start(Scene s, ExecutorService pool) {
        List<String> argv = TcpAttempt.argv(s.to.host(), String.valueOf(s.to.port()), CONNECT_SECONDS);
        s.attempt = pool.submit(() -> s.shell.run(s.clientPod, Duration.ofSeconds(CONNECT_SECONDS + 3L), argv));
    }

    Finding judge(Scene s, List<Finding> before) {
        if (s.nameUnresolved) {
            s.attempt.cancel(false);
            return Finding.skipped(Layer.CONNECTION, "no connection without an address");
        }
        ProcessResult r;
        try {
            r = s.attempt.get(CONNECT_SECONDS + 6L, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof PodShell.CannotRun c ? c.getMessage() : String.valueOf(e.getCause());
            return Finding.unknown(Layer.CONNECTION, "the connection could not be attempted: " + why, List.of());
        } catch (TimeoutException e) {
            return Finding.unknown(Layer.CONNECTION, "the connection attempt did not finish", List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.unknown(Layer.CONNECTION, "interrupted", List.of());
        }
        List<String> evidence = new ArrayList<>();
        long ms = r.took().toMillis();
        evidence.add("`nc -w " + CONNECT_SECONDS + " " + s.to.host() + " " + s.to.port() + "` in " + Pods.describe(s.clientPod)
                + ": exit " + r.exitCode() + " after " + ms + " ms" + (r.combined().isEmpty() ? "" : " (" + firstLine(r.combined()) + ")"));
        boolean policyBroken = before.stream().anyMatch(f -> f.layer() == Layer.POLICY && f.status() == Finding.Status.BROKEN);
        boolean earlierBroken = before.stream().anyMatch(f -> f.status() == Finding.Status.BROKEN);
        TcpAttempt.Result result = TcpAttempt.classify(r, CONNECT_SECONDS);
        if (result == TcpAttempt.Result.CONNECTED) {
            return Finding.ok(Layer.CONNECTION, "connected to " + s.to.hostPort() + " in " + ms + " ms", evidence);
        }
        if (result == TcpAttempt.Result.NO_NAME) {
            return Finding.broken(Layer.CONNECTION, "the client could not resolve " + s.to.host(), evidence, "correct the name");
        }
        if (result == TcpAttempt.Result.UNREACHABLE) {
            return Finding.broken(Layer.CONNECTION, "no route to " + s.to.host() + " from the client (" + firstLine(r.combined()) + ")",
                    evidence, earlierBroken ? null : "check the address: it is not on any network the pod can reach");
        }
        boolean timedOut = result == TcpAttempt.Result.TIMED_OUT;
        boolean policyOk = before.stream().anyMatch(f -> f.layer() == Layer.POLICY && f.status() == Finding.Status.OK);
        if (timedOut) {
            String why = policyBroken ? " (as the NetworkPolicy layer says)" : earlierBroken ? ""
                    : policyOk ? ", though no NetworkPolicy denies it: something else drops them (an AdminNetworkPolicy, a firewall, the network)"
                    : "; no layer read here explains it (NetworkPolicy could not be judged from what this account sees): "
                    + "a NetworkPolicy or AdminNetworkPolicy out of sight, a firewall or the network drops them";
            return Finding.broken(Layer.CONNECTION, "timed out after " + CONNECT_SECONDS + " s: packets are dropped" + why,
                    evidence, earlierBroken ? null : "look past what this account can read: cluster-wide policies, node firewalls, the pod network");
        }
        return Finding.broken(Layer.CONNECTION, "refused in " + ms + " ms: something answered \"nothing here\" (no endpoint behind "
                + "the Service, or nothing listening on the port)", evidence,
                earlierBroken ? null : "find what should listen there: the Service's endpoints and the pod's port");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
