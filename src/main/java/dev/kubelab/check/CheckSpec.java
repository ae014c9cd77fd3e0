package dev.kubelab.check;

import dev.kubelab.probe.ProbeSpec;

import java.util.Map;

/**
 * A condition on the live cluster that a step's work must make true. {@code let} binds named
 * probe values first (usable as {@code ${name}} in the probe); {@code failHint} is what a learner
 * reads when it does not hold.
 */
public record CheckSpec(String id, String description, Map<String, ProbeSpec> let, ProbeSpec probe,
                        Expectation expect, String failHint, int line) {

    public CheckSpec {
        let = Map.copyOf(let);
    }
}
