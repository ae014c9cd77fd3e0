package dev.kubelab.check;

import dev.kubelab.probe.Observation;
import dev.kubelab.probe.ProbeException;
import dev.kubelab.probe.ProbeSpec;
import dev.kubelab.probe.ProbeSpecs;
import dev.kubelab.probe.Prober;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Evaluates checks against the live cluster, polling briefly until they hold or a deadline
 * passes. It never prints: callers render the {@link Verdict}.
 */
public final class CheckEngine {

    private static final Duration POLL = Duration.ofMillis(300);
    private static final Duration MAX_POLL = Duration.ofMillis(1500);

    /** Observations run side by side; the threads only wait on processes and sockets. */
    private static final ExecutorService PROBES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kubelab-probe");
        t.setDaemon(true);
        return t;
    });

    private final Prober prober;
    private final Function<String, String> environment;
    private final UnaryOperator<String> namespaces;

    /**
     * @param environment resolves template keys such as {@code ns:garage} or a remembered value
     * @param namespaces  maps a logical namespace to the physical one
     */
    public CheckEngine(Prober prober, Function<String, String> environment, UnaryOperator<String> namespaces) {
        this.prober = prober;
        this.environment = environment;
        this.namespaces = namespaces;
    }

    /**
     * Evaluates once, then again until it passes or {@code patience} has passed: after 300 ms, then
     * half as long again each time up to 1.5 s. Most checks converge within the first polls; a long
     * wait should not keep an exec (a process in the pod) going three times a second.
     */
    public Verdict evaluate(CheckSpec check, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = POLL.toMillis();
        while (true) {
            Verdict v = evaluateOnce(check);
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (v.passed() || left < 50) {
                return v;
            }
            try {
                Thread.sleep(Math.min(pause, left)); // the last evaluation comes at the deadline, not before it
                pause = Math.min(MAX_POLL.toMillis(), pause * 3 / 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return v;
            }
        }
    }

    /**
     * Whether a failed check saw what {@code shows} describes (a declared mistake's signature),
     * judged on its main probe's value; false when it did not fail or the value cannot be judged.
     */
    public boolean failedShowing(CheckSpec check, Verdict v, Expectation shows) {
        // the evidence holds one observation per let, then the main probe's
        int main = check.let().size();
        if (!(v instanceof Verdict.Fail) || v.evidence().size() <= main) {
            return false;
        }
        try {
            return test(v.evidence().get(main).value(), shows, Map.of(), new ArrayList<>()).holds();
        } catch (ProbeException e) {
            return false;
        }
    }

    public Verdict evaluateOnce(CheckSpec check) {
        List<Observation> evidence = new ArrayList<>();
        try {
            Map<String, String> bound = new HashMap<>();
            observeLets(check.let(), bound, evidence);
            Observation main = observe(check.probe(), bound);
            evidence.add(main);
            Outcome outcome = test(main.value(), check.expect(), bound, evidence);
            if (outcome.holds()) {
                return new Verdict.Pass(check.id(), check.description(), evidence);
            }
            String reason = outcome.why() + (check.failHint() == null ? "" : " — " + check.failHint());
            return new Verdict.Fail(check.id(), reason, evidence);
        } catch (ProbeException e) {
            return new Verdict.Error(check.id(), e.getMessage(), evidence);
        }
    }

    /**
     * Binds a check's {@code let}s. Those that do not refer to an earlier, still unbound one are
     * observed side by side: a "blocked" connection costs its whole timeout, and a check that pairs
     * it with a positive control would otherwise wait for the sum of both.
     */
    private void observeLets(Map<String, ProbeSpec> lets, Map<String, String> bound, List<Observation> evidence)
            throws ProbeException {
        List<Map.Entry<String, ProbeSpec>> pending = new ArrayList<>(lets.entrySet());
        while (!pending.isEmpty()) {
            Set<String> unbound = new HashSet<>();
            List<Map.Entry<String, ProbeSpec>> wave = new ArrayList<>();
            for (Map.Entry<String, ProbeSpec> let : pending) {
                if (java.util.Collections.disjoint(references(let.getValue()), unbound)) {
                    wave.add(let);
                }
                unbound.add(let.getKey());
            }
            List<Observation> seen = observeAll(wave.stream().map(Map.Entry::getValue).toList(), bound);
            for (int i = 0; i < wave.size(); i++) {
                Observation o = seen.get(i);
                evidence.add(o);
                bound.put(wave.get(i).getKey(), Values.show(o.value()).equals("(nothing)") ? "" : joined(o.value()));
            }
            pending.removeAll(wave);
        }
    }

    /** The template keys a probe refers to. */
    private Set<String> references(ProbeSpec spec) {
        Set<String> keys = new HashSet<>();
        ProbeSpecs.rewrite(spec, s -> {
            keys.addAll(Template.references(s));
            return s;
        }, n -> n);
        return keys;
    }

    /**
     * Observes several probes at once (each is a process or an exec that mostly waits), in their
     * order; the first failure in that order is thrown.
     */
    public List<Observation> observeAll(List<ProbeSpec> specs, Map<String, String> bound) throws ProbeException {
        if (specs.size() == 1) {
            return List.of(observe(specs.get(0), bound));
        }
        List<Future<Observation>> futures = new ArrayList<>();
        for (ProbeSpec spec : specs) {
            futures.add(PROBES.submit(() -> observe(spec, bound)));
        }
        List<Observation> out = new ArrayList<>();
        try {
            for (Future<Observation> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException(ProbeException.Kind.OTHER, "interrupted while observing");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProbeException pe) {
                throw pe;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ProbeException(ProbeException.Kind.OTHER, String.valueOf(e.getCause()), e.getCause());
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    /** Observes a probe after rendering its templates and mapping its namespaces. */
    /** Lesson text with its {@code ${...}} references filled in ({@code ${ns:garage}}, {@code ${cluster:domain}}). */
    public String render(String text) {
        return Template.render(text, environment);
    }

    public Observation observe(ProbeSpec spec, Map<String, String> bound) throws ProbeException {
        Function<String, String> lookup = key -> bound.containsKey(key) ? bound.get(key) : environment.apply(key);
        Set<String> unknown = new java.util.TreeSet<>();
        ProbeSpec rendered = ProbeSpecs.rewrite(spec, s -> {
            Template.references(s).stream().filter(k -> lookup.apply(k) == null).forEach(unknown::add);
            return Template.render(s, lookup);
        }, namespaces);
        if (!unknown.isEmpty()) {
            // a reference left as text would be a value of its own ("${before}" differs from any IP): no answer
            throw new ProbeException(ProbeException.Kind.BAD_SPEC, "no value for ${" + String.join("}, ${", unknown)
                    + "} (read when the step starts): /reset step reads it again");
        }
        return prober.observe(rendered);
    }

    private record Outcome(boolean holds, String why) {
    }

    private Outcome test(Object value, Expectation expect, Map<String, String> bound, List<Observation> evidence)
            throws ProbeException {
        if (expect instanceof Expectation.Empty) {
            return new Outcome(Values.isEmpty(value), "expected nothing, saw " + Values.show(value));
        } else if (expect instanceof Expectation.NonEmpty) {
            return new Outcome(!Values.isEmpty(value), "expected a value, saw nothing");
        } else if (expect instanceof Expectation.Matches m) {
            String text = joined(value);
            return new Outcome(Pattern.compile(m.regex()).matcher(text).find(),
                    "saw " + Values.show(value) + ", which does not match /" + m.regex() + "/");
        }
        ProbeSpec otherSpec;
        if (expect instanceof Expectation.Equals e) {
            otherSpec = e.other();
        } else if (expect instanceof Expectation.NotEquals e) {
            otherSpec = e.other();
        } else if (expect instanceof Expectation.Contains e) {
            otherSpec = e.other();
        } else {
            otherSpec = ((Expectation.InCidr) expect).cidrs();
        }
        Observation other = observe(otherSpec, bound);
        if (!(otherSpec instanceof ProbeSpec.Literal)) {
            evidence.add(other);
        }
        Object want = other.value();
        if (expect instanceof Expectation.Equals && !(otherSpec instanceof ProbeSpec.Literal) && nothing(want)) {
            // "equals a live value that is not there (yet)" must not pass because both sides are empty:
            // a pod that has no IP yet would make any name that resolves to nothing look right
            return new Outcome(false, "nothing to compare with yet: " + other.evidence());
        }
        if (expect instanceof Expectation.Equals) {
            return new Outcome(Values.same(value, want), "saw " + Values.show(value) + ", expected " + Values.show(want));
        } else if (expect instanceof Expectation.NotEquals) {
            // against a literal ("anything but 0"); against a live value, typically one remembered earlier
            return new Outcome(!Values.same(value, want), otherSpec instanceof ProbeSpec.Literal
                    ? "saw " + Values.show(value) + ", expected anything but " + Values.show(want)
                    : "saw " + Values.show(value) + " again, expected a different value");
        } else if (expect instanceof Expectation.Contains) {
            boolean holds = value instanceof String s && !(want instanceof List<?>)
                    ? s.toLowerCase().contains(String.valueOf(want).toLowerCase())
                    : Values.asSet(value).containsAll(Values.asSet(want));
            return new Outcome(holds, "saw " + Values.show(value) + ", which lacks " + Values.show(want));
        } else {
            var ips = Values.asSet(value);
            var cidrs = Values.asSet(want);
            if (cidrs.isEmpty() && otherSpec instanceof ProbeSpec.PodCidrs) {
                // Calico, Cilium and cloud VPC CNIs allocate from pools of their own and leave spec.podCIDRs empty:
                // "inside the pod CIDR" cannot be judged there, which is no answer "no"
                throw new ProbeException(ProbeException.Kind.OTHER, "this cluster's nodes have no spec.podCIDRs (its CNI "
                        + "allocates pod addresses from pools of its own), so 'inside the node's pod CIDR' cannot be judged here");
            }
            boolean holds = !ips.isEmpty() && ips.stream().allMatch(ip -> cidrs.stream().anyMatch(c -> Values.inCidr(ip, c)));
            return new Outcome(holds, "saw " + Values.show(value) + ", not inside " + Values.show(want));
        }
    }

    private static boolean nothing(Object v) {
        return v == null || (v instanceof List<?> l && l.isEmpty()) || (v instanceof String str && str.isBlank());
    }

    private static String joined(Object value) {
        return value instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(value);
    }
}
