package dev.kubelab.cluster;

/** No usable cluster: the message says what is missing and what to do, in one or two lines. */
public class ClusterUnavailableException extends Exception {
    public ClusterUnavailableException(String message) {
        super(message);
    }
}
