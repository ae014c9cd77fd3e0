package dev.kubelab.cluster;

/** A {@code --cluster} value that names no backend (bad input, not a missing cluster): the CLI exits 2. */
public final class ClusterSpecException extends ClusterUnavailableException {
    public ClusterSpecException(String message) {
        super(message);
    }
}
