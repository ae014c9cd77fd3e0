package dev.kubelab.cli;

/** A failure with a one-line message for the user and the exit code it maps to. */
public class UserError extends RuntimeException {

    private final int exitCode;

    public UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
