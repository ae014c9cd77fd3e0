package dev.kubelab.probe;

/**
 * What a probe saw: the value (String, Boolean, Long, or a List of String) and how it was
 * obtained, e.g. "`getent hosts garage.garage` in pod trino/trino-5d9c exited 0: 10.96.37.201".
 */
public record Observation(ProbeSpec probe, Object value, String evidence) {
}
