package dev.kubelab.probe;

import dev.kubelab.kube.ProcessResult;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One TCP connection attempt from inside a pod with whatever {@code nc} the image has, and how it
 * ended: connected, refused (something answered "nothing here"), timed out (packets dropped),
 * unreachable, or the name not resolved. Told apart by nc's own words first, then by the clock.
 */
public final class TcpAttempt {

    public enum Result {
        CONNECTED("connected"), REFUSED("refused"), TIMED_OUT("timed out"), UNREACHABLE("unreachable"), NO_NAME("name not resolved");

        private final String word;

        Result(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private static final Pattern NO_NAME = Pattern.compile(
            "(?i)getaddrinfo|bad address|not known|can't resolve|could not resolve|name resolution");

    /**
     * {@code nc -z} where nc has it (netcat-openbsd, netshoot); busybox's small nc has no {@code -z} and is run
     * with stdin closed instead: it connects, sees end of input and exits 0; one that stays connected is ended
     * by {@code timeout} (143), which is a connection too. Host and port are arguments, never script text.
     */
    private static final String SCRIPT = """
            out=$(nc -z -w %1$d "$0" "$1" 2>&1); rc=$?
            case "$out" in
              *"invalid option"*|*"unrecognized option"*|*"illegal option"*)
                timeout %2$d nc -w %1$d "$0" "$1" </dev/null >/dev/null; rc=$?; [ $rc = 143 ] && rc=0 ;;
              *) [ -n "$out" ] && echo "$out" >&2 ;;
            esac
            exit $rc
            """;

    private TcpAttempt() {
    }

    /** The argv to run in the pod. */
    public static List<String> argv(String host, String port, int timeoutSeconds) {
        return List.of("sh", "-c", SCRIPT.formatted(timeoutSeconds, timeoutSeconds + 1), host, port);
    }

    /** How the attempt ended; {@code timeoutSeconds} as given to {@link #argv}. */
    public static Result classify(ProcessResult r, int timeoutSeconds) {
        if (r.exitCode() == 0 && !r.timedOut()) {
            return Result.CONNECTED;
        }
        String said = r.combined().toLowerCase(Locale.ROOT);
        if (NO_NAME.matcher(said).find()) {
            return Result.NO_NAME;
        }
        if (said.contains("unreachable") || said.contains("no route")) {
            return Result.UNREACHABLE;
        }
        if (said.contains("refused")) {
            return Result.REFUSED;
        }
        // nothing said (openbsd nc -z is silent): a failure that took (nearly) the whole timeout was a drop
        boolean slow = r.took().toMillis() >= timeoutSeconds * 1000L * 9 / 10;
        return r.timedOut() || said.contains("timed out") || slow ? Result.TIMED_OUT : Result.REFUSED;
    }
}
