package dev.kubelab.explain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A connection explained: every layer's finding in packet order, and the first broken layer,
 * which names the cause. Later layers are still shown (they may be broken too).
 */
public record Explanation(String from, String to, List<Finding> findings, Duration took) {

    public Explanation {
        findings = List.copyOf(findings);
    }

    public Optional<Finding> firstBroken() {
        return findings.stream().filter(f -> f.status() == Finding.Status.BROKEN).findFirst();
    }

    public boolean healthy() {
        return firstBroken().isEmpty() && findings.stream()
                .anyMatch(f -> f.layer() == Layer.CONNECTION && f.status() == Finding.Status.OK);
    }

    public Optional<Finding> finding(Layer layer) {
        return findings.stream().filter(f -> f.layer() == layer).findFirst();
    }

    /** The one sentence at the top: healthy, or which layer breaks it and why. */
    public String verdict() {
        Optional<Finding> broken = firstBroken();
        if (broken.isPresent()) {
            return "Broken at the " + broken.get().layer().title() + " layer: " + broken.get().summary();
        }
        if (healthy()) {
            return "Healthy: " + from + " reaches " + to + " through every layer.";
        }
        return "No layer is known to be broken, but the connection was not proven: "
                + finding(Layer.CONNECTION).map(Finding::summary).orElse("it was not attempted");
    }
}
