package dev.kubelab.cluster;

/** What {@code kubelab cluster status} reports for one backend. */
public sealed interface BackendStatus {

    /** Running and usable; {@code detail} says where (endpoint, container, state dir). */
    record Up(String detail) implements BackendStatus {
    }

    /** Could run here but is not running; {@code howToStart} is the command. */
    record Down(String reason, String howToStart) implements BackendStatus {
    }

    /** Cannot run on this machine as it is; {@code reason} says what is missing and what to do. */
    record Unavailable(String reason) implements BackendStatus {
    }

    default boolean up() {
        return this instanceof Up;
    }

    /** One line: {@code up: ...}, {@code down: ...}, {@code unavailable: ...}. */
    default String line() {
        if (this instanceof Up u) {
            return "up: " + u.detail();
        }
        if (this instanceof Down d) {
            return "down: " + d.reason() + (d.howToStart().isEmpty() ? "" : " (start: " + d.howToStart() + ")");
        }
        return "unavailable: " + ((Unavailable) this).reason();
    }
}
