package dev.kubelab.session;

import dev.kubelab.check.CheckEngine;
import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.Grader;
import dev.kubelab.check.PredictionSpec;
import dev.kubelab.check.Template;
import dev.kubelab.check.Values;
import dev.kubelab.check.Verdict;
import dev.kubelab.cluster.Cluster;
import dev.kubelab.kube.KubeClients;
import dev.kubelab.kube.Kubectl;
import dev.kubelab.kube.ProcessResult;
import dev.kubelab.lesson.Block;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.Step;
import dev.kubelab.probe.LiveProbes;
import dev.kubelab.probe.Observation;
import dev.kubelab.probe.ProbeException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One lesson on one cluster: sets it up (namespaces labelled as kubelab's, manifests applied,
 * workloads ready), runs commands, evaluates checks and grades predictions. Touches only
 * namespaces it owns: a namespace that exists without kubelab's label is refused, never reused.
 */
public final class LessonRuntime implements AutoCloseable {

    private final Lesson lesson;
    private final Cluster cluster;
    private final NamespaceMap namespaces;
    private final KubernetesClient client;
    private final Kubectl kubectl;
    private final CommandRunner runner;
    private final CheckEngine engine;
    private final Grader grader;
    private final Map<String, String> remembered = new HashMap<>();
    private final OwnNamespaces own;
    /** Workshop mode: the namespaces were made by {@code workshop provision}; reset empties them instead. */
    private boolean preProvisioned;
    private NetworkPolicySelfTest.Result knownNetworkPolicy;

    public LessonRuntime(Lesson lesson, Cluster cluster, NamespaceMap namespaces, Path kubectlBinary) throws IOException {
        this.lesson = lesson;
        this.cluster = cluster;
        this.namespaces = namespaces;
        this.client = KubeClients.fromKubeconfig(cluster.kubeconfig(), cluster.context());
        this.kubectl = new Kubectl(kubectlBinary, cluster.kubeconfig());
        this.runner = new CommandRunner(kubectl, new JobTable());
        this.own = new OwnNamespaces(client, cluster, namespaces, lesson.id());
        LiveProbes probes = new LiveProbes(client, kubectl, runner::stepHistory);
        this.engine = new CheckEngine(probes, this::lookup, namespaces::physical);
        this.grader = new Grader(engine);
    }

    /**
     * Workshop mode: the learner's namespaces already exist (a learner's Role cannot create or
     * delete namespaces). Setup and teardown then delete the lesson's objects inside them, never the
     * namespaces; {@code networkPolicy} is what provisioning found (null: the lesson cannot rely on it).
     */
    public LessonRuntime preProvisioned(NetworkPolicySelfTest.Result networkPolicy) {
        this.preProvisioned = true;
        this.knownNetworkPolicy = networkPolicy;
        return this;
    }

    public boolean isPreProvisioned() {
        return preProvisioned;
    }

    public Lesson lesson() {
        return lesson;
    }

    public Cluster cluster() {
        return cluster;
    }

    public KubernetesClient client() {
        return client;
    }

    public Kubectl kubectl() {
        return kubectl;
    }

    public CommandRunner runner() {
        return runner;
    }

    public NamespaceMap namespaces() {
        return namespaces;
    }

    /** The template key for the cluster's DNS domain, read live ({@link ClusterDomain}). */
    public static final String DOMAIN_KEY = "cluster:domain";

    /** The cluster's DNS domain and where it was read (or that it was assumed). */
    public ClusterDomain.Reading clusterDomain() {
        return ClusterDomain.read(cluster.kubeconfig() + "#" + cluster.context(), client, namespaces.physicalAll());
    }

    /** Template keys: ns:X, image:X, cluster:domain, and values remembered at step start. */
    public String lookup(String key) {
        if (key.startsWith("ns:")) {
            return namespaces.physical(key.substring(3));
        }
        if (key.startsWith("image:")) {
            return cluster.images().get(key.substring(6));
        }
        if (key.equals(DOMAIN_KEY)) {
            return clusterDomain().domain();
        }
        return remembered.get(key);
    }

    public String render(String text) {
        return Template.render(text, this::lookup);
    }

    /** Why this lesson cannot run here, or null. */
    public String refusal() {
        if (lesson.clusterScoped() && !cluster.ownedByKubelab()) {
            return "lesson " + lesson.id() + " creates cluster-scoped objects; it runs only on a cluster kubelab created";
        }
        for (String image : lesson.images()) {
            if (!cluster.images().containsKey(image)) {
                return "the cluster backend has no image for '" + image + "' (it has " + cluster.images().keySet() + ")";
            }
        }
        return null;
    }

    /** Deletes the lesson's namespaces (only those labelled as kubelab's), then creates them and applies the setup. */
    public Duration setUp() throws SetupException {
        String refusal = refusal();
        if (refusal != null) {
            throw new SetupException(refusal);
        }
        String unenforced = NetworkPolicySelfTest.refusal(lesson, preProvisioned
                ? () -> knownNetworkPolicy != null ? knownNetworkPolicy
                        : new NetworkPolicySelfTest.Result.Inconclusive("workshop provision did not establish it (see its output)")
                : () -> NetworkPolicySelfTest.cached(cluster, client));
        if (unenforced != null) {
            throw new SetupException(unenforced);
        }
        // timed from here: the NetworkPolicy self-test above runs once per cluster, not per lesson setup
        long start = System.nanoTime();
        try {
            if (preProvisioned) {
                WorkshopSlice.empty(client, namespaces.physicalAll());
            } else {
                deleteNamespaces();
            }
            if (!preProvisioned) {
                own.create();
            }
            own.awaitDefaultServiceAccounts();
            for (Block.Setup s : lesson.setup()) {
                apply(s);
            }
            awaitServiceRules();
        } catch (KubernetesClientException e) {
            throw apiDown(e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Applies a step's own setup blocks and remembers its {@code remember:} values. */
    public void enterStep(Step step) throws SetupException {
        runner.newStep();
        boolean applied = false;
        for (Block b : step.blocks()) {
            if (b instanceof Block.Setup s) {
                apply(s);
                applied = true;
            }
        }
        if (applied) {
            awaitServiceRules();
        }
        for (Block.Remember r : step.blocks(Block.Remember.class)) {
            for (var e : r.probes().entrySet()) {
                try {
                    Observation o = engine.observe(e.getValue(), Map.of());
                    Object v = o.value();
                    remembered.put(e.getKey(), v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                            : String.valueOf(v));
                } catch (ProbeException ex) {
                    throw new SetupException("cannot observe " + e.getKey() + " at the start of step " + step.id() + ": " + ex.getMessage());
                }
            }
        }
    }

    public void apply(Block.Setup setup) throws SetupException {
        String defaultNs = namespaces.physical(lesson.namespaces().isEmpty() ? "default" : lesson.namespaces().get(0));
        Manifests.Rendered r = Manifests.render(setup.yaml(), lesson.id(), namespaces, defaultNs, this::lookup);
        ProcessResult result;
        try {
            result = kubectl.run(List.of("apply", "-f", "-"), r.yaml(), Duration.ofSeconds(60), null, null);
        } catch (IOException e) {
            throw new SetupException(e.getMessage());
        }
        if (!result.ok()) {
            List<String> lines = result.combined().lines().toList();
            String shown = lines.size() <= 3 ? String.join("\n", lines)
                    : String.join("\n", lines.subList(lines.size() - 3, lines.size())) + " (+" + (lines.size() - 3) + " lines)";
            throw new SetupException(lesson.source() + ":" + setup.line() + ": kubectl apply failed: " + shown);
        }
        for (Manifests.Workload w : r.workloads()) {
            waitReady(w, setup);
        }
    }

    /**
     * Ready pods are routed to a ClusterIP only once the Service proxy has caught up with their EndpointSlices;
     * the backend waits for that when it can see it (the latest change is the slices' trigger time).
     */
    private void awaitServiceRules() {
        Instant latest = null;
        try {
            for (String ns : namespaces.physicalAll()) {
                for (var slice : client.discovery().v1().endpointSlices().inNamespace(ns).list().getItems()) {
                    String t = slice.getMetadata().getAnnotations() == null ? null
                            : slice.getMetadata().getAnnotations().get("endpoints.kubernetes.io/last-change-trigger-time");
                    if (t != null) {
                        Instant at = Instant.parse(t);
                        latest = latest == null || at.isAfter(latest) ? at : latest;
                    }
                }
            }
        } catch (KubernetesClientException | java.time.format.DateTimeParseException e) {
            return; // not allowed to list slices, or an odd annotation: checks poll anyway
        }
        if (latest != null) {
            cluster.awaitServiceRules(latest, Duration.ofSeconds(15));
        }
    }

    private void waitReady(Manifests.Workload w, Block.Setup setup) throws SetupException {
        try {
            switch (w.kind()) {
                case "Deployment" -> client.apps().deployments().inNamespace(w.namespace()).withName(w.name())
                        .waitUntilReady(90, TimeUnit.SECONDS);
                case "StatefulSet" -> client.apps().statefulSets().inNamespace(w.namespace()).withName(w.name())
                        .waitUntilReady(90, TimeUnit.SECONDS);
                case "Pod" -> client.pods().inNamespace(w.namespace()).withName(w.name()).waitUntilReady(90, TimeUnit.SECONDS);
                default -> {
                }
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 0 && e.getCause() != null && !(e.getCause() instanceof java.util.concurrent.TimeoutException)
                    && !String.valueOf(e.getMessage()).contains("timed out")) {
                throw apiDown(e);
            }
            throw new SetupException(lesson.source() + ":" + setup.line() + ": " + w.kind() + " " + w.namespace() + "/"
                    + w.name() + " did not become ready in 90 s (kubectl -n " + w.namespace() + " describe "
                    + w.kind().toLowerCase() + " " + w.name() + ")");
        }
    }

    /** Pods are refused until the controller-manager has made the namespace's default ServiceAccount. */
    /** Deletes the lesson's namespaces that carry kubelab's label and waits until they are gone. */
    public void deleteNamespaces() throws SetupException {
        try {
            own.deleteAll();
        } catch (KubernetesClientException e) {
            throw apiDown(e);
        }
    }

    /** A dead or refusing API server, said in one line: never the learner's fault. */
    static SetupException apiDown(KubernetesClientException e) {
        return new SetupException(dev.kubelab.kube.Failures.apiMessage(e));
    }

    /** Waits until the namespaces are gone (deleting one takes seconds: the namespace controller empties it first). */
    public void awaitGone(List<String> deleting, Duration patience) throws SetupException {
        try {
            own.awaitGone(deleting, patience);
        } catch (KubernetesClientException e) {
            throw apiDown(e);
        }
    }

    /** Stops background jobs, runs cleanup commands, deletes the lesson's namespaces and waits until they are gone. */
    public void tearDown() throws SetupException {
        awaitGone(tearDownStarted(), Duration.ofSeconds(120));
    }

    /**
     * The same, without waiting for the namespaces to go: returns those being deleted, for the
     * caller to {@link #awaitGone} later. A later {@link #setUp} of the same namespaces waits anyway.
     */
    public List<String> tearDownStarted() throws SetupException {
        runner.jobs().killAll();
        for (Block.Cleanup c : lesson.cleanup()) {
            for (String cmd : c.commands()) {
                runner.run(render(cmd), Duration.ofSeconds(30), null, null);
            }
        }
        try {
            if (preProvisioned) {
                WorkshopSlice.empty(client, namespaces.physicalAll());
                return List.of();
            }
            return own.startDeleting();
        } catch (KubernetesClientException e) {
            throw apiDown(e);
        }
    }

    public Verdict check(CheckSpec check, Duration patience) {
        return engine.evaluate(check, patience);
    }

    /** The step's declared mistakes for this check whose {@code shows:} a failed verdict matches: what the learner probably did. */
    public List<Block.Wrong> mistakesShown(Step step, CheckSpec check, Verdict v) {
        return step.blocks(Block.Wrong.class).stream()
                .filter(w -> check.id().equals(w.check()) && w.shows() != null && engine.failedShowing(check, v, w.shows()))
                .toList();
    }

    public Verdict grade(PredictionSpec prediction, String answer) {
        return grader.grade(prediction, answer);
    }

    /** The live truth of a prediction written as an answer (for verify: the right answer must be graded right). */
    public String truthAsAnswer(PredictionSpec p) throws ProbeException {
        if (p.kind() == dev.kubelab.check.AnswerKind.MATRIX) {
            StringBuilder sb = new StringBuilder();
            int width = p.matrix().columns().size();
            List<Observation> cells = engine.observeAll(p.matrix().cells().stream().flatMap(List::stream).toList(), Map.of());
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0 && i % width == 0) {
                    sb.append('/');
                }
                sb.append(Grader.cellHolds(cells.get(i).value()) ? 'y' : 'n');
            }
            return sb.toString();
        }
        Object value = engine.observe(p.probe(), Map.of()).value();
        Object truth = grader.truth(p, value, new java.util.ArrayList<>());
        if (truth instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (p.kind() == dev.kubelab.check.AnswerKind.CHOICE) {
            return p.choices().stream().filter(c -> Values.same(c, truth)).findFirst().orElse("(no choice matches " + truth + ")");
        }
        return truth instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(truth);
    }

    @Override
    public void close() {
        runner.jobs().killAll();
        client.close();
    }

    /** Setting up failed: the reason, with file:line where a lesson block caused it. */
    public static final class SetupException extends Exception {
        public SetupException(String message) {
            super(message);
        }
    }
}
