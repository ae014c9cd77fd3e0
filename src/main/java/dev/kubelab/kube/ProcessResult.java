package dev.kubelab.kube;

import java.time.Duration;

/** What a finished (or timed-out) external command did. exitCode is -1 when it timed out. */
public record ProcessResult(int exitCode, String stdout, String stderr, Duration took, boolean timedOut) {

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** stdout then stderr, trimmed, for evidence lines. */
    public String combined() {
        String both = (stdout + (stderr.isEmpty() ? "" : (stdout.isEmpty() ? "" : "\n") + stderr)).strip();
        return both;
    }
}
