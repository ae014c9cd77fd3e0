package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A selector against pods' labels: which pods it almost matches, and what differs. */
final class LabelDiff {

    private LabelDiff() {
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(l.get(e.getKey())));
    }

    /** How many of the selector's key=value pairs a pod has, and then how many of its keys. */
    private static int score(Map<String, String> selector, Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        int score = 0;
        for (var e : selector.entrySet()) {
            if (e.getValue().equals(l.get(e.getKey()))) {
                score += 2;
            } else if (l.containsKey(e.getKey())) {
                score += 1;
            }
        }
        return score;
    }

    /** "; nearest: pod X has app=web (the selector wants app=web-v2)" for the nearest pod, or "" when none is near. */
    static String closest(Map<String, String> selector, List<Pod> pods) {
        List<Pod> near = near(selector, pods);
        return near.isEmpty() ? "" : "; nearest: pod " + near.get(0).getMetadata().getName() + " " + diff(selector, near.get(0));
    }

    static List<String> nearMisses(Map<String, String> selector, List<Pod> pods) {
        List<String> out = new ArrayList<>();
        for (Pod p : near(selector, pods)) {
            out.add("pod " + p.getMetadata().getName() + " has " + Pods.labels(p.getMetadata().getLabels()) + ": " + diff(selector, p));
        }
        return out;
    }

    private static List<Pod> near(Map<String, String> selector, List<Pod> pods) {
        return pods.stream().filter(p -> score(selector, p.getMetadata().getLabels()) > 0)
                .sorted(Comparator.comparingInt((Pod p) -> -score(selector, p.getMetadata().getLabels()))
                        .thenComparing(p -> p.getMetadata().getName()))
                .limit(3).toList();
    }

    private static String diff(Map<String, String> selector, Pod pod) {
        Map<String, String> l = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        List<String> parts = new ArrayList<>();
        for (var e : selector.entrySet()) {
            String have = l.get(e.getKey());
            if (have == null) {
                parts.add("has no label " + e.getKey() + " (the selector wants " + e.getKey() + "=" + e.getValue() + ")");
            } else if (!have.equals(e.getValue())) {
                parts.add("has " + e.getKey() + "=" + have + " (the selector wants " + e.getKey() + "=" + e.getValue() + ")");
            }
        }
        return String.join(", ", parts);
    }
}
