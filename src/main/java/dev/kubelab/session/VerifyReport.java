package dev.kubelab.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What {@code kubelab verify} found for one lesson. */
public record VerifyReport(String lessonId, boolean passed, Duration setup, Duration total, int checks,
                           int predictions, int wrongAnswers, List<String> failures, String skipped,
                           Map<String, Duration> phases, Mutants mutants) {

    /**
     * The generic mutants' outcome: killed, survived (or broken by an equivalent mutant), checks that had nothing to
     * break, and checks that held after their pods were recreated; null when not run.
     */
    public record Mutants(int killed, int survived, int withoutTarget, int held) {
    }

    public VerifyReport {
        failures = List.copyOf(failures);
        phases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
    }

    /** Where the time went, e.g. {@code setup 4.0 s, baseline 3.1 s, ...} (wrong answers' phases are summed over their runs). */
    public String profile() {
        StringBuilder sb = new StringBuilder();
        phases.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format(java.util.Locale.ROOT, "%.1f s", v.toMillis() / 1000.0)));
        return sb.toString();
    }

    public boolean wasSkipped() {
        return skipped != null;
    }
}
