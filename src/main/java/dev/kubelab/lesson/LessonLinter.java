package dev.kubelab.lesson;

import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.Expectation;
import dev.kubelab.check.PredictionSpec;
import dev.kubelab.check.Template;
import dev.kubelab.probe.PodRef;
import dev.kubelab.probe.ProbeSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that a parsed lesson is consistent: everything it references exists, nothing is hard-coded. */
final class LessonLinter {

    private static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "default");
    private static final Pattern CLUSTER_IP = Pattern.compile("\\b10\\.(96|244)\\.\\d{1,3}\\.\\d{1,3}\\b");
    private static final Pattern KUBECTL_RUN = Pattern.compile("\\b(?:kubectl|k)\\b.*?\\b(?:run|create deployment)\\s+([a-z0-9][-a-z0-9]*)");

    private LessonLinter() {
    }

    /** Pods the lesson creates: names of fixed pods, and label sets of pod templates. */
    private record Inventory(Set<String> podNames, List<Map<String, String>> podLabels) {
    }

    static List<Problem> lint(Lesson lesson, boolean blocksComplete) {
        List<Problem> problems = new ArrayList<>();
        Path file = lesson.source();
        Inventory inv = inventory(lesson);
        Set<String> checkIds = new HashSet<>();
        Set<String> predictionIds = new HashSet<>();
        Set<String> remembered = new HashSet<>();
        List<Block> all = new ArrayList<>(lesson.intro());
        lesson.steps().forEach(s -> all.addAll(s.blocks()));
        for (Block b : all) {
            if (b instanceof Block.Remember r) {
                remembered.addAll(r.probes().keySet());
            }
        }
        for (Block b : all) {
            if (b instanceof Block.Check c && !checkIds.add(c.spec().id())) {
                problems.add(new Problem(file, b.line(), "duplicate check id '" + c.spec().id() + "'"));
            }
            if (b instanceof Block.Prediction p && !predictionIds.add(p.spec().id())) {
                problems.add(new Problem(file, b.line(), "duplicate prediction id '" + p.spec().id() + "'"));
            }
            if (b instanceof Block.Prediction p && (p.spec().explain() == null || p.spec().explain().isBlank())) {
                problems.add(new Problem(file, b.line(), "prediction '" + p.spec().id()
                        + "' has no explain: after the verdict, right or wrong, the learner needs the why"));
            }
        }
        for (Block b : all) {
            Set<String> bound = new HashSet<>(remembered);
            List<ProbeSpec> probes = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            if (b instanceof Block.Check c) {
                CheckSpec s = c.spec();
                bound.addAll(s.let().keySet());
                probes.addAll(s.let().values());
                probes.add(s.probe());
                probes.add(other(s.expect()));
                literalIps(file, s.line(), s.expect(), problems);
                texts.add(s.description());
            } else if (b instanceof Block.Prediction p) {
                PredictionSpec s = p.spec();
                if (s.probe() != null) {
                    probes.add(s.probe());
                }
                if (s.matrix() != null) {
                    s.matrix().cells().forEach(probes::addAll);
                }
                if (s.expect() != null) {
                    probes.add(other(s.expect()));
                    literalIps(file, s.line(), s.expect(), problems);
                }
                texts.add(s.question());
                texts.add(s.explain());
            } else if (b instanceof Block.Remember r) {
                probes.addAll(r.probes().values());
            } else if (b instanceof Block.Wrong w) {
                if (w.check() != null && !checkIds.contains(w.check())) {
                    problems.add(new Problem(file, b.line(), "wrong: no check with id '" + w.check() + "' in this lesson"));
                }
                if (w.prediction() != null && !predictionIds.contains(w.prediction())) {
                    problems.add(new Problem(file, b.line(), "wrong: no prediction with id '" + w.prediction() + "' in this lesson"));
                }
                texts.addAll(w.commands());
            } else if (b instanceof Block.Prose pr) {
                texts.add(pr.markdown());
            } else if (b instanceof Block.Hint h) {
                texts.add(h.markdown());
            } else if (b instanceof Block.Cell c) {
                texts.add(c.code());
            } else if (b instanceof Block.Solution s) {
                texts.addAll(s.commands());
            } else if (b instanceof Block.Cleanup s) {
                texts.addAll(s.commands());
            } else if (b instanceof Block.Setup s) {
                texts.add(s.yaml());
            }
            for (ProbeSpec probe : probes) {
                if (probe == null) {
                    continue;
                }
                probeRefs(lesson, inv, file, b.line(), probe, problems);
                texts.add(probe.describe());
                if (probe instanceof ProbeSpec.HttpGet h) {
                    texts.add(h.url());
                } else if (probe instanceof ProbeSpec.HttpBody h) {
                    texts.add(h.url());
                } else if (probe instanceof ProbeSpec.TcpConnect t) {
                    texts.add(t.host() + " " + t.port());
                } else if (probe instanceof ProbeSpec.DnsLookup d) {
                    texts.add(d.name());
                } else if (probe instanceof ProbeSpec.Ping pg) {
                    texts.add(pg.host());
                }
            }
            for (String text : texts) {
                for (String key : Template.references(text)) {
                    templateRef(lesson, file, b.line(), key, bound, problems);
                }
            }
            if (!(b instanceof Block.Prose) && !(b instanceof Block.Hint)) {
                hardCodedDomain(file, b.line(), texts, probes, problems);
            }
        }
        for (Block b : all) {
            if (b instanceof Block.Check c) {
                PositiveControls.missing(c.spec()).ifPresent(why -> problems.add(new Problem(file, b.line(), why)));
            }
            if (b instanceof Block.Check c && c.spec().guard() && all.stream().noneMatch(
                    x -> x instanceof Block.Wrong w && c.spec().id().equals(w.check()))) {
                problems.add(new Problem(file, b.line(), "guard check '" + c.spec().id()
                        + "' needs a wrong answer it rejects (a check that can never fail proves nothing)"));
            }
        }
        for (Step step : lesson.steps()) {
            if (blocksComplete && step.blocks(Block.Check.class).isEmpty() && step.blocks(Block.Prediction.class).isEmpty()) {
                problems.add(new Problem(file, step.line(), "step '" + step.id() + "' has no check and no prediction"));
            }
            if (!step.blocks(Block.Check.class).isEmpty() && step.blocks(Block.Solution.class).isEmpty()) {
                problems.add(new Problem(file, step.line(), "step '" + step.id() + "' has checks but no solution"));
            }
        }
        return problems;
    }

    /**
     * Names a client resolves carry the cluster's DNS domain, which is cluster.local only by default: in
     * setups, commands and probes it is written {@code ${cluster:domain}}, read live. Prose may name the default.
     */
    private static void hardCodedDomain(Path file, int line, List<String> texts, List<ProbeSpec> probes, List<Problem> problems) {
        List<String> all = new ArrayList<>(texts);
        probes.stream().filter(java.util.Objects::nonNull).forEach(p -> all.add(p.describe()));
        if (all.stream().anyMatch(t -> t != null && t.contains(".svc.cluster.local"))) {
            problems.add(new Problem(file, line, "'.svc.cluster.local' assumes the default cluster domain: write "
                    + "'.svc.${cluster:domain}', which kubelab reads from the cluster"));
        }
    }

    private static ProbeSpec other(Expectation e) {
        if (e instanceof Expectation.Equals x) {
            return x.other();
        } else if (e instanceof Expectation.NotEquals x) {
            return x.other();
        } else if (e instanceof Expectation.Contains x) {
            return x.other();
        } else if (e instanceof Expectation.InCidr x) {
            return x.cidrs();
        }
        return null;
    }

    private static void literalIps(Path file, int line, Expectation e, List<Problem> problems) {
        ProbeSpec other = other(e);
        if (other instanceof ProbeSpec.Literal l && l.value() != null && CLUSTER_IP.matcher(String.valueOf(l.value())).find()
                && !(e instanceof Expectation.InCidr)) {
            problems.add(new Problem(file, line, "expected value " + l.value()
                    + " is an address the cluster decides: read it live with a probe (service:, podIPs:, endpoints:)"));
        }
    }

    private static void templateRef(Lesson lesson, Path file, int line, String key, Set<String> bound, List<Problem> problems) {
        if (key.startsWith("ns:")) {
            if (!lesson.namespaces().contains(key.substring(3))) {
                problems.add(new Problem(file, line, "${" + key + "}: namespace '" + key.substring(3)
                        + "' is not in the lesson's namespaces " + lesson.namespaces()));
            }
        } else if (key.startsWith("image:")) {
            if (!lesson.images().contains(key.substring(6))) {
                problems.add(new Problem(file, line, "${" + key + "}: image '" + key.substring(6)
                        + "' is not in the lesson's images " + lesson.images()));
            }
        } else if (key.equals("cluster:domain")) {
            return; // read live from the cluster (session.ClusterDomain)
        } else if (!bound.contains(key)) {
            problems.add(new Problem(file, line, "${" + key + "} is not bound by a let: or remember: of this lesson"));
        }
    }

    private static void probeRefs(Lesson lesson, Inventory inv, Path file, int line, ProbeSpec probe, List<Problem> problems) {
        List<String> namespaces = new ArrayList<>();
        if (probe instanceof ProbeSpec.PodIps p) {
            namespaces.add(p.namespace());
        } else if (probe instanceof ProbeSpec.ServiceField p) {
            namespaces.add(p.namespace());
        } else if (probe instanceof ProbeSpec.EndpointAddresses p) {
            namespaces.add(p.namespace());
        } else if (probe instanceof ProbeSpec.ObjectExists p && p.namespace() != null) {
            namespaces.add(p.namespace());
        } else if (probe instanceof ProbeSpec.JsonPathValue p && p.namespace() != null) {
            namespaces.add(p.namespace());
        }
        PodRef pod = dev.kubelab.probe.ProbeSpecs.podOf(probe);
        if (pod != null) {
            namespaces.add(pod.namespace());
            if (pod.pod() != null && !pod.pod().contains("${") && !inv.podNames().contains(pod.namespace() + "/" + pod.pod())) {
                problems.add(new Problem(file, line, "pod '" + pod.pod() + "' in namespace " + pod.namespace()
                        + " is not created by the lesson's setup"));
            }
            if (pod.selector() != null && !selectorMatchesSomething(pod, inv)) {
                problems.add(new Problem(file, line, "no pod of the lesson's setup in namespace " + pod.namespace()
                        + " matches selector '" + pod.selector() + "'"));
            }
        }
        for (String ns : namespaces) {
            if (!lesson.namespaces().contains(ns) && !SYSTEM_NAMESPACES.contains(ns)) {
                problems.add(new Problem(file, line, "namespace '" + ns + "' is not one of the lesson's namespaces "
                        + lesson.namespaces()));
            }
        }
    }

    private static boolean selectorMatchesSomething(PodRef pod, Inventory inv) {
        Map<String, String> wanted = new HashMap<>();
        for (String part : pod.selector().split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                return true; // set-based selectors are not checked statically
            }
            wanted.put(kv[0].trim(), kv[1].trim());
        }
        wanted.put("\u0000ns", pod.namespace());
        return inv.podLabels().stream().anyMatch(labels -> labels.entrySet().containsAll(wanted.entrySet()));
    }

    @SuppressWarnings("unchecked")
    private static Inventory inventory(Lesson lesson) {
        Set<String> names = new HashSet<>();
        List<Map<String, String>> labels = new ArrayList<>();
        List<Block> all = new ArrayList<>(lesson.intro());
        lesson.steps().forEach(s -> all.addAll(s.blocks()));
        String defaultNs = lesson.namespaces().isEmpty() ? "default" : lesson.namespaces().get(0);
        for (Block b : all) {
            if (b instanceof Block.Setup s) {
                for (Map<String, Object> m : s.objects()) {
                    Map<String, Object> meta = (Map<String, Object>) m.get("metadata");
                    if (meta == null) {
                        continue;
                    }
                    String ns = String.valueOf(meta.getOrDefault("namespace", defaultNs));
                    String name = String.valueOf(meta.get("name"));
                    String kind = String.valueOf(m.get("kind"));
                    Map<String, Object> spec = (Map<String, Object>) m.get("spec");
                    if (kind.equals("Pod")) {
                        names.add(ns + "/" + name);
                        labels.add(withNs((Map<String, Object>) meta.get("labels"), ns));
                    } else if (spec != null && spec.get("template") instanceof Map<?, ?> tpl) {
                        Map<String, Object> tmeta = (Map<String, Object>) ((Map<String, Object>) tpl).get("metadata");
                        labels.add(withNs(tmeta == null ? null : (Map<String, Object>) tmeta.get("labels"), ns));
                        if (kind.equals("StatefulSet")) {
                            int replicas = spec.get("replicas") instanceof Integer r ? r : 1;
                            for (int i = 0; i < replicas; i++) {
                                names.add(ns + "/" + name + "-" + i);
                            }
                        }
                    }
                }
            } else {
                List<String> commands = b instanceof Block.Solution s ? s.commands()
                        : b instanceof Block.Cell c ? List.of(c.code()) : List.of();
                for (String cmd : commands) {
                    Matcher m = KUBECTL_RUN.matcher(cmd);
                    Matcher ns = Pattern.compile("(?:-n|--namespace)[ =]+(\\S+)").matcher(cmd);
                    String namespace = ns.find() ? Template.render(ns.group(1), k -> k.startsWith("ns:") ? k.substring(3) : null)
                            : defaultNs;
                    if (m.find()) {
                        names.add(namespace + "/" + m.group(1));
                        labels.add(withNs(Map.of("run", m.group(1), "app", m.group(1)), namespace));
                    }
                }
            }
        }
        return new Inventory(names, labels);
    }

    private static Map<String, String> withNs(Map<String, Object> labels, String ns) {
        Map<String, String> out = new HashMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        out.put("\u0000ns", ns);
        return out;
    }
}
