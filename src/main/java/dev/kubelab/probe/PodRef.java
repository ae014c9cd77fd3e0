package dev.kubelab.probe;

/**
 * Which pod a probe runs in or reads: a fixed name ({@code pod}) or the first Running pod that
 * matches a label selector ({@code selector}, e.g. {@code app=trino}). Pod names with hashes are
 * decided by the cluster, so lessons select by label; {@code container} is optional.
 */
public record PodRef(String namespace, String pod, String selector, String container) {

    public String describe() {
        return namespace + "/" + (pod != null ? pod : "{" + selector + "}");
    }

    public PodRef withNamespace(String ns) {
        return new PodRef(ns, pod, selector, container);
    }
}
