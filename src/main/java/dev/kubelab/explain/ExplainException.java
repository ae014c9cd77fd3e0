package dev.kubelab.explain;

/** The explanation cannot start at all (no such client pod, the API server down): one line, for the learner. */
public final class ExplainException extends Exception {
    public ExplainException(String message) {
        super(message);
    }
}
