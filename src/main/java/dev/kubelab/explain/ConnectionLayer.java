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
import java.util.regex.Pattern;

/**
 * The connection itself, from the client pod to the destination as written: connected, refused
 * (something answered "nothing here") or timed out (packets dropped), told apart by how long the
 * failure took. It is started first and runs while the other layers are read.
 */
final class ConnectionLayer {

    /** Seconds nc waits for the handshake: a cluster-internal SYN is answered in milliseconds or dropped. */
    static final int CONNECT_SECONDS = 2;
    private static final Pattern NO_NAME = Pattern.compile(
            "(?i)getaddrinfo|bad address|not known|can't resolve|could not resolve|name resolution");

    /**
     * {@code nc -z} where nc has it (netcat-openbsd, netshoot); busybox's small nc has no {@code -z} and is run
     * with stdin closed instead: it connects, sees end of input and exits 0; one that stays connected is ended
     * by {@code timeout} (143), which is a connection too. Host and port are arguments, never script text.
     */
    private static final String CONNECT_SCRIPT = """
            out=$(nc -z -w %1$d "$0" "$1" 2>&1); rc=$?
            case "$out" in
              *"invalid option"*|*"unrecognized option"*|*"illegal option"*)
                timeout %2$d nc -w %1$d "$0" "$1" </dev/null >/dev/null; rc=$?; [ $rc = 143 ] && rc=0 ;;
              *) [ -n "$out" ] && echo "$out" >&2 ;;
            esac
            exit $rc
            """.formatted(CONNECT_SECONDS, CONNECT_SECONDS + 1);

    void start(Scene s, ExecutorService pool) {
        List<String> argv = List.of("sh", "-c", CONNECT_SCRIPT, s.to.host(), String.valueOf(s.to.port()));
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
        if (r.exitCode() == 0 && !r.timedOut()) {
            return Finding.ok(Layer.CONNECTION, "connected to " + s.to.hostPort() + " in " + ms + " ms", evidence);
        }
        if (NO_NAME.matcher(r.combined()).find()) {
            return Finding.broken(Layer.CONNECTION, "the client could not resolve " + s.to.host(), evidence, "correct the name");
        }
        String said = r.combined().toLowerCase(java.util.Locale.ROOT);
        if (said.contains("unreachable") || said.contains("no route")) {
            return Finding.broken(Layer.CONNECTION, "no route to " + s.to.host() + " from the client (" + firstLine(r.combined()) + ")",
                    evidence, earlierBroken ? null : "check the address: it is not on any network the pod can reach");
        }
        boolean timedOut = r.timedOut() || said.contains("timed out") || (!said.contains("refused") && ms >= CONNECT_SECONDS * 1000L * 9 / 10);
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
