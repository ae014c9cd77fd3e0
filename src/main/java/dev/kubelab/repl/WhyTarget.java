package dev.kubelab.repl;

import dev.kubelab.check.Verdict;
import dev.kubelab.explain.Origin;
import dev.kubelab.probe.Observation;
import dev.kubelab.probe.OutputParsers;
import dev.kubelab.probe.ProbeSpec;

/** A connection {@code /why} can explain: where it starts and the destination as a client writes it. */
record WhyTarget(Origin from, String to) {

    /** The first connection a verdict's evidence tried (namespaces already physical), or null. */
    static WhyTarget of(Verdict v) {
        for (Observation o : v.evidence()) {
            WhyTarget t = of(o.probe());
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    static WhyTarget of(ProbeSpec spec) {
        if (spec instanceof ProbeSpec.TcpConnect tcp) {
            ProbeSpec.TcpConnect t = OutputParsers.hostPort(tcp);
            String host = t.host().contains(":") ? "[" + t.host() + "]" : t.host();
            return new WhyTarget(new Origin.InPod(t.from(), null), host + ":" + t.port());
        }
        if (spec instanceof ProbeSpec.HttpGet h) {
            return new WhyTarget(new Origin.InPod(h.from(), null), h.url());
        }
        if (spec instanceof ProbeSpec.HttpBody h) {
            return new WhyTarget(new Origin.InPod(h.from(), null), h.url());
        }
        if (spec instanceof ProbeSpec.LocalPort p) {
            return new WhyTarget(new Origin.ThisMachine(), "127.0.0.1:" + p.port());
        }
        if (spec instanceof ProbeSpec.LocalHttp p) {
            return new WhyTarget(new Origin.ThisMachine(), "127.0.0.1:" + p.port());
        }
        return null;
    }

    String describe() {
        return from.describe() + " -> " + to;
    }
}
