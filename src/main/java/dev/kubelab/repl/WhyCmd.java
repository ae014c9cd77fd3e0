package dev.kubelab.repl;

import dev.kubelab.explain.ConnectionExplainer;
import dev.kubelab.explain.Destination;
import dev.kubelab.explain.ExplainException;
import dev.kubelab.explain.Explanation;
import dev.kubelab.explain.ExplanationText;
import dev.kubelab.explain.Finding;
import dev.kubelab.explain.Origin;
import dev.kubelab.kube.KubeClients;
import dev.kubelab.session.LessonRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.util.List;

/**
 * {@code /why}: the connection of the last failed check or wrong prediction, or {@code /why FROM TO},
 * explained layer by layer from the live cluster.
 */
final class WhyCmd implements SlashCommand {
    public String name() {
        return "why";
    }

    public String help() {
        return "explain a connection layer by layer: the last failed check's or prediction's, or /why FROM TO";
    }

    public void run(Repl repl, String args) {
        LessonSession s = repl.session();
        Console c = repl.console();
        WhyTarget target;
        if (args.isBlank()) {
            target = s.grading().lastConnection();
            if (target == null) {
                c.println("Nothing to explain yet: a failed /check or a wrong prediction about a connection sets one.");
                c.println("Or name it: /why FROM TO, e.g. /why trino/app=trino garage.garage:3900 (FROM: NS/POD, NS/deploy/NAME, "
                        + "NS/LABEL=VALUE, or local for a port-forward).");
                return;
            }
        } else {
            target = parse(s, args.strip().split("\\s+"));
            if (target == null) {
                c.println("Usage: /why, or /why FROM TO (e.g. /why trino/app=trino garage.garage:3900), or /why localhost:PORT");
                return;
            }
        }
        LessonRuntime rt = s.runtime();
        if (rt == null && s.cluster() == null) {
            c.warn("/why reads the live cluster, and none is connected: " + s.clusterProblem());
            return;
        }
        if (s.lesson() != null && !s.awaitReady()) {
            return;
        }
        c.dim("  (reading " + target.describe() + " from the cluster, layer by layer ...)");
        try {
            Explanation e;
            if (rt != null) {
                e = explain(rt.client(), target);
            } else {
                try (KubernetesClient client = KubeClients.fromKubeconfig(s.cluster().kubeconfig(), s.cluster().context())) {
                    e = explain(client, target);
                }
            }
            render(c, ExplanationText.lines(e, false));
        } catch (ExplainException | IllegalArgumentException e) {
            c.warn("cannot explain that: " + e.getMessage());
        } catch (IOException e) {
            c.warn("cannot read the cluster's kubeconfig: " + e.getMessage());
        }
    }

    private static Explanation explain(KubernetesClient client, WhyTarget t) throws ExplainException {
        return new ConnectionExplainer(client).explain(t.from(), Destination.parse(t.to()));
    }

    /** FROM and TO with the lesson's logical namespaces (garage) mapped to this session's (w1-garage). */
    static WhyTarget parse(LessonSession s, String[] words) {
        if (words.length < 1 || words.length > 2) {
            return null;
        }
        LessonRuntime rt = s.runtime();
        java.util.function.UnaryOperator<String> ns = rt == null ? n -> n : n -> rt.namespaces().physical(n);
        String defaultNs = rt == null || s.lesson().namespaces().isEmpty() ? "default" : ns.apply(s.lesson().namespaces().get(0));
        String to = mapHost(words[words.length - 1], ns);
        if (words.length == 1) {
            return new WhyTarget(new Origin.ThisMachine(), to);
        }
        String from = words[0];
        int slash = from.indexOf('/');
        if (slash > 0) {
            from = ns.apply(from.substring(0, slash)) + from.substring(slash);
        }
        try {
            return new WhyTarget(Origin.parse(from, defaultNs), to);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code garage.garage:3900} → {@code garage.w1-garage:3900}: the namespace label of a Service name, mapped. */
    static String mapHost(String to, java.util.function.UnaryOperator<String> ns) {
        int schemeEnd = to.indexOf("://");
        int hostStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int hostEnd = hostStart;
        while (hostEnd < to.length() && ":/".indexOf(to.charAt(hostEnd)) < 0) {
            hostEnd++;
        }
        String[] labels = to.substring(hostStart, hostEnd).split("\\.", -1);
        if (labels.length < 2 || Character.isDigit(labels[0].isEmpty() ? '0' : labels[0].charAt(0)) && labels.length == 4) {
            return to;
        }
        labels[1] = ns.apply(labels[1]);
        return to.substring(0, hostStart) + String.join(".", labels) + to.substring(hostEnd);
    }

    private static void render(Console c, List<ExplanationText.Line> lines) {
        for (ExplanationText.Line l : lines) {
            switch (l.kind()) {
                case VERDICT -> {
                    if (l.status() == Finding.Status.BROKEN) {
                        c.bad(l.text());
                    } else if (l.status() == Finding.Status.OK) {
                        c.ok(l.text());
                    } else {
                        c.warn(l.text());
                    }
                }
                case LAYER -> {
                    if (l.status() == Finding.Status.SKIPPED) {
                        c.dim(l.text());
                    } else {
                        c.labelled(l.text(), "");
                    }
                }
                case DETAIL -> c.dim(l.text());
                default -> c.println(l.text());
            }
        }
    }
}
