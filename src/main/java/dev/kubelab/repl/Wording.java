package dev.kubelab.repl;

import java.time.Duration;

/** Small wordings the REPL shares. */
final class Wording {

    private Wording() {
    }

    /** An exception's message with its root cause's, e.g. "cannot connect (Connection refused)". */
    static String rootMessage(Throwable e) {
        Throwable t = dev.kubelab.kube.Failures.rootCause(e);
        String m = dev.kubelab.kube.Failures.rootMessage(e);
        return t == e ? m : e.getMessage() + " (" + m + ")";
    }

    static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
