package dev.kubelab.session;

import dev.kubelab.kube.ProcessResult;

/** What running one learner or solution command led to. */
public sealed interface CommandOutcome {

    /** It ran to the end (or timed out). */
    record Finished(String command, ProcessResult result) implements CommandOutcome {
    }

    /** It runs on as a background job (port-forward, or ended with {@code &}). */
    record Background(String command, JobTable.Job job, String firstOutput) implements CommandOutcome {
    }

    /** It was not run: the reason, in one line. */
    record Rejected(String command, String reason) implements CommandOutcome {
    }
}
