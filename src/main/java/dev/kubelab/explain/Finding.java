package dev.kubelab.explain;

import java.util.List;

/**
 * What one layer looked like, read live: a one-sentence summary, the evidence behind it, and for
 * a broken layer the kind of fix (never the command).
 */
public record Finding(Layer layer, Status status, String summary, List<String> evidence, String fixKind) {

    public enum Status {
        /** This layer carries the connection. */
        OK,
        /** This layer stops the connection. */
        BROKEN,
        /** Works, but something here deserves a look (a not-ready endpoint, policy and behaviour disagreeing). */
        WARNING,
        /** kubelab could not read this layer (permissions, a tool missing in the image): no answer either way. */
        UNKNOWN,
        /** This layer is not on this connection's path (an IP needs no DNS), or an earlier layer decides it. */
        SKIPPED
    }

    public Finding {
        evidence = List.copyOf(evidence);
    }

    static Finding ok(Layer layer, String summary, List<String> evidence) {
        return new Finding(layer, Status.OK, summary, evidence, null);
    }

    static Finding broken(Layer layer, String summary, List<String> evidence, String fixKind) {
        return new Finding(layer, Status.BROKEN, summary, evidence, fixKind);
    }

    static Finding warning(Layer layer, String summary, List<String> evidence) {
        return new Finding(layer, Status.WARNING, summary, evidence, null);
    }

    static Finding unknown(Layer layer, String summary, List<String> evidence) {
        return new Finding(layer, Status.UNKNOWN, summary, evidence, null);
    }

    static Finding skipped(Layer layer, String summary) {
        return new Finding(layer, Status.SKIPPED, summary, List.of(), null);
    }
}
