package dev.kubelab.probe;

/** Carries out probes. The live implementation is {@link LiveProbes}; tests may supply their own. */
@FunctionalInterface
public interface Prober {
    Observation observe(ProbeSpec spec) throws ProbeException;
}
