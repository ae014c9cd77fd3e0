package dev.kubelab.lesson;

import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.Expectation;
import dev.kubelab.check.Template;
import dev.kubelab.check.Values;
import dev.kubelab.probe.ProbeSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Lint rule: a check that passes only when a connection <em>fails</em> ("Dagster is blocked",
 * "nothing answers on the old IP") would also pass when the target is broken or gone. Such a check
 * must hold, in the same evaluation, evidence that the target is alive: another connection that
 * must succeed (an allowed client) or the target Service's endpoints, which must not be empty.
 *
 * <p>Decided without a cluster by playing the check through: every connection probe in it (the
 * main one and its {@code let}s) is given "connects" or "does not", every endpoints probe "some" or
 * "none", and the expectation is tested on each combination. A probe that fails in every
 * combination that passes is a negative; the check needs some other probe that succeeds (or has
 * endpoints) in every one of them.
 */
final class PositiveControls {

    private static final String ADDRESS = "10.0.0.1";

    private PositiveControls() {
    }

    /** Why the check lacks a positive control, or empty when it needs none or has one (or cannot be judged here). */
    static Optional<String> missing(CheckSpec check) {
        Map<String, ProbeSpec> varying = new LinkedHashMap<>();
        check.let().forEach((k, p) -> {
            if (isConnection(p) || p instanceof ProbeSpec.EndpointAddresses) {
                varying.put(k, p);
            }
        });
        boolean mainVaries = isConnection(check.probe());
        String main = "(the check's probe)";
        if (mainVaries) {
            varying.put(main, check.probe());
        } else if (!(check.probe() instanceof ProbeSpec.Literal)) {
            return Optional.empty(); // its value is observed, not composed from the lets: nothing to play through
        }
        if (varying.isEmpty() || varying.size() > 10) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>(varying.keySet());
        List<boolean[]> passing = new ArrayList<>();
        for (int mask = 0; mask < (1 << keys.size()); mask++) {
            Map<String, Object> values = new HashMap<>();
            boolean[] up = new boolean[keys.size()];
            for (int i = 0; i < keys.size(); i++) {
                up[i] = (mask & (1 << i)) != 0;
                values.put(keys.get(i), sample(varying.get(keys.get(i)), up[i]));
            }
            Object value = mainVaries ? values.get(main) : Template.render(String.valueOf(((ProbeSpec.Literal) check.probe()).value()),
                    k -> values.containsKey(k) ? String.valueOf(values.get(k)) : check.let().containsKey(k) ? ADDRESS : null);
            Optional<Boolean> holds = holds(value, check.expect());
            if (holds.isEmpty()) {
                return Optional.empty(); // compared with a live value: cannot be played through
            }
            if (holds.get()) {
                passing.add(up);
            }
        }
        if (passing.isEmpty()) {
            return Optional.empty();
        }
        List<String> negatives = new ArrayList<>();
        boolean control = false;
        for (int i = 0; i < keys.size(); i++) {
            int n = i;
            boolean alwaysDown = passing.stream().noneMatch(up -> up[n]);
            boolean alwaysUp = passing.stream().allMatch(up -> up[n]);
            if (alwaysDown && isConnection(varying.get(keys.get(i)))) {
                negatives.add(keys.get(i).equals(main) ? varying.get(main).describe() : keys.get(i));
            } else if (alwaysUp) {
                control = true;
            }
        }
        if (negatives.isEmpty() || control) {
            return Optional.empty();
        }
        return Optional.of("check '" + check.id() + "' passes when a connection fails (" + String.join(", ", negatives)
                + ") but holds no positive control, so a broken or deleted target would pass it too: add a let that must "
                + "succeed at the same moment (an allowed client that connects, or the target Service's endpoints) "
                + "and compose both into the check's value");
    }

    private static boolean isConnection(ProbeSpec p) {
        return p instanceof ProbeSpec.TcpConnect || p instanceof ProbeSpec.Ping || p instanceof ProbeSpec.HttpGet
                || p instanceof ProbeSpec.HttpBody || p instanceof ProbeSpec.LocalPort || p instanceof ProbeSpec.LocalHttp;
    }

    /** What a probe would observe when its target answers ({@code up}) or does not. */
    private static Object sample(ProbeSpec p, boolean up) {
        if (p instanceof ProbeSpec.HttpGet || p instanceof ProbeSpec.LocalHttp) {
            return up ? 200 : 0;
        }
        if (p instanceof ProbeSpec.HttpBody) {
            return up ? "it answered" : "";
        }
        if (p instanceof ProbeSpec.EndpointAddresses) {
            return up ? List.of(ADDRESS) : List.of();
        }
        return up;
    }

    /** The expectation tested on a value, or empty when it compares with another live value. */
    private static Optional<Boolean> holds(Object value, Expectation e) {
        if (e instanceof Expectation.Empty) {
            return Optional.of(Values.isEmpty(value));
        } else if (e instanceof Expectation.NonEmpty) {
            return Optional.of(!Values.isEmpty(value));
        } else if (e instanceof Expectation.Matches m) {
            String text = value instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(value);
            return Optional.of(Pattern.compile(m.regex()).matcher(text).find());
        } else if (e instanceof Expectation.Equals q && q.other() instanceof ProbeSpec.Literal l) {
            return Optional.of(Values.same(value, l.value()));
        } else if (e instanceof Expectation.NotEquals q && q.other() instanceof ProbeSpec.Literal l) {
            return Optional.of(!Values.same(value, l.value()));
        }
        return Optional.empty();
    }
}
