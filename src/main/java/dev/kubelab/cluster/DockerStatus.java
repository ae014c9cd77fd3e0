package dev.kubelab.cluster;

/** Whether a Docker engine answers, found within about two seconds and without Testcontainers. */
public sealed interface DockerStatus {

    /** The engine answered {@code /_ping} at {@code endpoint}; {@code apiVersion} from its reply header (may be empty). */
    record Available(String endpoint, String apiVersion) implements DockerStatus {
    }

    /** No engine: {@code reason} says what was tried and what went wrong, in one line. */
    record Missing(String reason) implements DockerStatus {
    }

    default boolean available() {
        return this instanceof Available;
    }
}
