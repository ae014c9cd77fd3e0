package dev.kubelab.session;

import java.time.Duration;
import java.util.List;

/** What {@code kubelab verify} found for one lesson. */
public record VerifyReport(String lessonId, boolean passed, Duration setup, Duration total, int checks,
                           int predictions, int wrongAnswers, List<String> failures, String skipped) {

    public VerifyReport {
        failures = List.copyOf(failures);
    }

    public boolean wasSkipped() {
        return skipped != null;
    }
}
