package dev.kubelab.cli;

/** Every exit code kubelab returns, in one place. */
public final class ExitCode {
    public static final int OK = 0;
    /** verify: at least one lesson failed. */
    public static final int FAILED = 1;
    /** lint problems, bad usage, unreadable input. */
    public static final int INVALID = 2;
    /** no usable cluster, or the cluster refused. */
    public static final int NO_CLUSTER = 3;
    /** a bug in kubelab: the one case that says "please report". */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
