package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Label selector matching and compact rendering ("app=trino", "team in (a,b)"), as NetworkPolicy uses them. */
final class LabelSelectors {

    private LabelSelectors() {
    }

    /** Null or {} selects everything. */
    static boolean isEmpty(LabelSelector s) {
        return s == null || ((s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
                && (s.getMatchExpressions() == null || s.getMatchExpressions().isEmpty()));
    }

    static boolean matches(LabelSelector s, Map<String, String> labels) {
        return misses(s, labels).isEmpty();
    }

    /** One phrase per requirement the labels fail ("no team=data", "has label canary"); empty when they match. */
    static List<String> misses(LabelSelector s, Map<String, String> labels) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        if (s.getMatchLabels() != null) {
            s.getMatchLabels().forEach((k, v) -> {
                if (!v.equals(labels.get(k))) {
                    out.add("no " + k + "=" + v);
                }
            });
        }
        if (s.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : s.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                List<String> values = r.getValues() == null ? List.of() : r.getValues();
                String op = r.getOperator() == null ? "" : r.getOperator();
                switch (op) {
                    case "In" -> {
                        if (value == null || !values.contains(value)) {
                            out.add("no " + render(r));
                        }
                    }
                    case "NotIn" -> {
                        if (value != null && values.contains(value)) {
                            out.add("has " + r.getKey() + "=" + value + " (wanted " + render(r) + ")");
                        }
                    }
                    case "Exists" -> {
                        if (value == null) {
                            out.add("no label " + r.getKey());
                        }
                    }
                    case "DoesNotExist" -> {
                        if (value != null) {
                            out.add("has label " + r.getKey());
                        }
                    }
                    // the API server rejects other operators; a requirement it could not have stored matches nothing
                    default -> out.add("unknown operator " + op + " on " + r.getKey());
                }
            }
        }
        return out;
    }

    /** "app=trino,team in (a,b)", or "" for an empty selector (callers say "all namespaces" or just "pods"). */
    static String render(LabelSelector s) {
        if (isEmpty(s)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (s.getMatchLabels() != null) {
            new java.util.TreeMap<>(s.getMatchLabels()).forEach((k, v) -> parts.add(k + "=" + v));
        }
        if (s.getMatchExpressions() != null) {
            s.getMatchExpressions().forEach(r -> parts.add(render(r)));
        }
        return String.join(",", parts);
    }

    private static String render(LabelSelectorRequirement r) {
        String values = "(" + String.join(",", r.getValues() == null ? List.of() : r.getValues()) + ")";
        return switch (r.getOperator() == null ? "" : r.getOperator()) {
            case "In" -> r.getKey() + " in " + values;
            case "NotIn" -> r.getKey() + " notin " + values;
            case "Exists" -> r.getKey();
            case "DoesNotExist" -> "!" + r.getKey();
            default -> r.getKey() + " " + r.getOperator() + " " + values;
        };
    }
}
