package dev.kubelab.repl;

import dev.kubelab.lesson.Lesson;
import dev.kubelab.session.CommandRunner;
import dev.kubelab.session.JobTable;
import dev.kubelab.session.LessonRuntime;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Tab completion: /commands, lesson ids, kubectl verbs, resource types and names in the lesson's namespaces, Java. */
final class ReplCompleter implements Completer {

    static final List<String> VERBS = List.of("get", "describe", "apply", "create", "delete", "edit", "exec", "logs",
            "port-forward", "run", "expose", "label", "annotate", "scale", "rollout", "explain", "top", "patch",
            "debug", "cp", "wait", "api-resources", "cluster-info", "config", "version", "auth");
    static final Map<String, String> TYPES = Map.ofEntries(Map.entry("pods", "pods"), Map.entry("pod", "pods"),
            Map.entry("po", "pods"), Map.entry("services", "services"), Map.entry("service", "services"),
            Map.entry("svc", "services"), Map.entry("deployments", "deployments"), Map.entry("deployment", "deployments"),
            Map.entry("deploy", "deployments"), Map.entry("statefulsets", "statefulsets"), Map.entry("sts", "statefulsets"),
            Map.entry("endpoints", "services"), Map.entry("ep", "services"), Map.entry("networkpolicies", "networkpolicies"),
            Map.entry("netpol", "networkpolicies"), Map.entry("configmaps", "configmaps"), Map.entry("cm", "configmaps"));
    static final List<String> TYPE_WORDS = List.of("pods", "po", "services", "svc", "endpoints", "endpointslices", "deployments",
            "statefulsets", "networkpolicies", "configmaps", "namespaces", "nodes", "all");

    private final Repl repl;

    ReplCompleter(Repl repl) {
        this.repl = repl;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> out) {
        try {
            completeSafely(line, out);
        } catch (RuntimeException ignored) {
            // completion is best effort; never disturb the prompt
        }
    }

    private void completeSafely(ParsedLine line, List<Candidate> out) {
        String before = line.line().substring(0, Math.min(line.cursor(), line.line().length()));
        List<String> words = line.words();
        int wi = line.wordIndex();
        if (repl.flow().active() && !before.startsWith("/")) {
            repl.session().pending().choices().forEach(c -> out.add(new Candidate(c)));
            return;
        }
        if (before.startsWith("/")) {
            if (wi == 0) {
                for (SlashCommand c : repl.dispatcher().all()) {
                    out.add(new Candidate("/" + c.name(), "/" + c.name(), null, c.help(), null, null, true));
                }
            } else if (words.get(0).equals("/open")) {
                int n = 1;
                for (Lesson l : repl.session().catalog().lessons()) {
                    out.add(new Candidate(l.id(), l.id(), null, l.title(), null, null, true));
                    out.add(new Candidate(String.valueOf(n++), String.valueOf(n - 1), null, l.title(), null, null, true));
                }
            } else if (words.get(0).equals("/reset")) {
                out.add(new Candidate("step"));
                out.add(new Candidate("lesson"));
            } else if (words.get(0).equals("/kill")) {
                for (JobTable.Job j : repl.session().runner().jobs().list()) {
                    out.add(new Candidate(String.valueOf(j.number()), String.valueOf(j.number()), null, j.command(), null, null, true));
                }
            }
            return;
        }
        if (CommandRunner.isCommand(before) && !before.startsWith("!")) {
            kubectl(words, wi, out);
            return;
        }
        if (!before.startsWith("!")) {
            java(line, before, out);
        }
    }

    /** Flags whose value is the next word. */
    static final List<String> VALUE_FLAGS = List.of("-n", "--namespace", "-o", "--output", "-l", "--selector", "-c",
            "--container", "--context", "--kubeconfig", "-f", "--filename");

    private void kubectl(List<String> words, int wi, List<Candidate> out) {
        String prev = wi > 0 && wi - 1 < words.size() ? words.get(wi - 1) : "";
        if (prev.equals("-n") || prev.equals("--namespace")) {
            LessonRuntime rt = repl.session().runtime();
            if (rt != null) {
                rt.namespaces().physicalAll().forEach(ns -> out.add(new Candidate(ns)));
            }
            return;
        }
        if (VALUE_FLAGS.contains(prev)) {
            return;
        }
        // positional words before the cursor: verb, then its arguments
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < wi && i < words.size(); i++) {
            String w = words.get(i);
            if (VALUE_FLAGS.contains(w)) {
                i++;
            } else if (!w.startsWith("-")) {
                positional.add(w);
            }
        }
        if (positional.isEmpty()) {
            VERBS.forEach(v -> out.add(new Candidate(v)));
            return;
        }
        String verb = positional.get(0);
        List<String> rest = positional.subList(1, positional.size());
        String ns = namespace(words);
        if (List.of("exec", "logs", "port-forward", "attach").contains(verb)) {
            if (rest.isEmpty()) {
                names("pods", ns).forEach(n -> out.add(new Candidate(n)));
                names("services", ns).forEach(n -> out.add(new Candidate("svc/" + n)));
                names("deployments", ns).forEach(n -> out.add(new Candidate("deploy/" + n)));
            }
        } else if (rest.isEmpty() && List.of("get", "describe", "delete", "edit", "label", "annotate", "scale", "explain", "patch")
                .contains(verb)) {
            TYPE_WORDS.forEach(t -> out.add(new Candidate(t)));
        } else if (rest.size() >= 1 && TYPES.containsKey(rest.get(0))) {
            names(TYPES.get(rest.get(0)), ns).forEach(n -> out.add(new Candidate(n)));
        }
    }

    private String namespace(List<String> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals("-n") || words.get(i).equals("--namespace")) {
                return words.get(i + 1);
            }
            if (words.get(i).startsWith("--namespace=")) {
                return words.get(i).substring("--namespace=".length());
            }
        }
        Lesson l = repl.session().lesson();
        LessonRuntime rt = repl.session().runtime();
        return l == null || rt == null || l.namespaces().isEmpty() ? "default" : rt.namespaces().physical(l.namespaces().get(0));
    }

    /** Names of objects of a kind in a namespace (1 s at most; nothing when the cluster is away). */
    private List<String> names(String kind, String ns) {
        LessonRuntime rt = repl.session().runtime();
        if (rt == null) {
            return List.of();
        }
        KubernetesClient c = rt.client();
        CompletableFuture<List<? extends HasMetadata>> f = CompletableFuture.supplyAsync(() -> switch (kind) {
            case "pods" -> c.pods().inNamespace(ns).list().getItems();
            case "services" -> c.services().inNamespace(ns).list().getItems();
            case "deployments" -> c.apps().deployments().inNamespace(ns).list().getItems();
            case "statefulsets" -> c.apps().statefulSets().inNamespace(ns).list().getItems();
            case "networkpolicies" -> c.network().networkPolicies().inNamespace(ns).list().getItems();
            case "configmaps" -> c.configMaps().inNamespace(ns).list().getItems();
            default -> List.<HasMetadata>of();
        });
        try {
            return f.get(1, TimeUnit.SECONDS).stream().map(o -> o.getMetadata().getName()).toList();
        } catch (Exception e) {
            f.cancel(true);
            return List.of();
        }
    }

    private void java(ParsedLine line, String before, List<Candidate> out) {
        int[] anchor = {-1};
        List<String> suggestions = repl.java().complete(before, before.length(), anchor);
        int wordStart = line.cursor() - line.wordCursor();
        if (anchor[0] < wordStart) {
            return;
        }
        String head = before.substring(wordStart, anchor[0]);
        for (String s : suggestions) {
            out.add(new Candidate(head + s, s, null, null, null, null, !s.endsWith("(")));
        }
    }
}
