package dev.kubelab.repl;

import java.time.Duration;

/** Small wordings the REPL shares. */
final class Wording {

    private Wording() {
    }

    /** An exception's message with its root cause's, e.g. "cannot connect (Connection refused)". */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return t == e ? m : e.getMessage() + " (" + m + ")";
    }

    static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
