package dev.kubelab.check;

import dev.kubelab.probe.Observation;
import dev.kubelab.probe.ProbeException;
import dev.kubelab.probe.ProbeSpec;
import dev.kubelab.probe.Prober;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A prober whose answers a test decides; records what it was asked (after templates were rendered). */
final class FakeProber implements Prober {

    interface Answer {
        Object apply(ProbeSpec spec) throws ProbeException;
    }

    final List<ProbeSpec> asked = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Answer answer;

    FakeProber(Answer answer) {
        this.answer = answer;
    }

    static FakeProber of(Function<ProbeSpec, Object> f) {
        return new FakeProber(f::apply);
    }

    @Override
    public Observation observe(ProbeSpec spec) throws ProbeException {
        asked.add(spec);
        if (spec instanceof ProbeSpec.Literal l) {
            return new Observation(spec, l.value(), "literal");
        }
        return new Observation(spec, answer.apply(spec), "fake " + spec.describe());
    }
}
