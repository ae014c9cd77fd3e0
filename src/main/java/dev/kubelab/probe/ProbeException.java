package dev.kubelab.probe;

/**
 * A probe could not observe: the cluster did not answer, the pod it needs is missing, a command
 * inside it timed out. This is never the learner being wrong; the check engine reports an error.
 */
public class ProbeException extends Exception {

    public enum Kind { API_UNREACHABLE, POD_MISSING, TIMEOUT, TOOL_MISSING, TOOL_FAILED, BAD_SPEC, OTHER }

    private final Kind kind;

    public ProbeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ProbeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
