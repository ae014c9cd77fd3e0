package dev.kubelab.check;

import dev.kubelab.probe.ProbeSpec;

import java.util.Map;

/**
 * A condition on the live cluster that a step's work must make true. {@code let} binds named
 * probe values first (usable as {@code ${name}} in the probe); {@code failHint} is what a learner
 * reads when it does not hold. A {@code guard} check may already hold before the step's work
 * (e.g. "the endpoint is a name, not an IP"); it exists to reject a mistake, so verify demands
 * a wrong answer that it rejects instead of demanding that it fails before the solution.
 */
public record CheckSpec(String id, String description, Map<String, ProbeSpec> let, ProbeSpec probe,
                        Expectation expect, String failHint, int line, boolean guard, Map<String, String> irrelevantMutants) {

    /** The generic mutants {@code kubelab verify} runs (session.Mutant's ids), which a check may declare irrelevant. */
    public static final java.util.List<String> MUTANT_KINDS =
            java.util.List.of("deny-ingress", "delete-service", "scale-to-zero", "change-port", "selector-mismatch", "recreate-pod");

    public CheckSpec {
        // in the lesson's order: a later binding may use an earlier one (${garageIP} in the tcp probe after it)
        let = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(let));
        irrelevantMutants = irrelevantMutants == null ? Map.of() : Map.copyOf(irrelevantMutants);
    }

    public CheckSpec(String id, String description, Map<String, ProbeSpec> let, ProbeSpec probe,
                     Expectation expect, String failHint, int line) {
        this(id, description, let, probe, expect, failHint, line, false, Map.of());
    }
}
