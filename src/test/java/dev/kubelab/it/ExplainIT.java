package dev.kubelab.it;

import dev.kubelab.cluster.LocalCluster;
import dev.kubelab.explain.ConnectionExplainer;
import dev.kubelab.explain.ExplainException;
import dev.kubelab.explain.Explanation;
import dev.kubelab.explain.ExplanationText;
import dev.kubelab.explain.Finding;
import dev.kubelab.explain.Layer;
import dev.kubelab.lesson.LessonParser;
import dev.kubelab.session.LessonRuntime;
import dev.kubelab.session.NamespaceMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kubelab explain} over the seeds' failure modes, each set up live (one namespace or Service
 * per mode, see it/explain-lesson.md): each is explained with the right first broken layer, and
 * each healthy connection as healthy. The table with the time each explanation took is printed.
 */
class ExplainIT {

    private static final String CLIENT = "xpl-client/client";
    private static LessonRuntime runtime;
    private static ConnectionExplainer explainer;
    private static final List<String> TABLE = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        LocalCluster cluster = LiveCluster.require();
        LessonParser.Result r = new LessonParser().parse(LiveCluster.sourceRoot().resolve("src/test/resources/it/explain-lesson.md"));
        assertEquals(List.of(), r.problems());
        runtime = new LessonRuntime(r.lesson(), cluster, NamespaceMap.identity(r.lesson().namespaces()), LiveCluster.kubectl(cluster));
        runtime.setUp();
        explainer = new ConnectionExplainer(runtime.client());
        // the Service proxy and the policy enforcer program new objects a moment after they are Ready
        for (String to : List.of("web.xpl-web:80", "web.xpl-allow:80")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!explainer.explain(CLIENT, to, "default").healthy() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        System.out.println("explain table (first broken layer, time):");
        TABLE.forEach(l -> System.out.println("  " + l));
        if (runtime != null) {
            runtime.tearDown();
            runtime.close();
        }
    }

    /** One row: where from, where to, the layer expected to break first (null: healthy) and words its summary must hold. */
    private record Case(String name, String from, String to, Layer broken, String... says) {
    }

    @TestFactory
    Stream<DynamicTest> eachFailureModeIsExplainedAtItsLayer() throws Exception {
        String podIp = runtime.client().pods().inNamespace("xpl-web").withLabel("app", "web").list().getItems().get(0)
                .getStatus().getPodIP();
        List<Case> cases = List.of(
                new Case("healthy", CLIENT, "web.xpl-web:80", null),
                new Case("healthy, absolute FQDN", CLIENT, "http://web.xpl-web.svc.cluster.local.:80/index.html", null),
                new Case("healthy, pod IP", CLIENT, podIp + ":8080", null),
                new Case("healthy through a policy that admits", "xpl-client/app=client", "web.xpl-allow:80", null, "admitted by",
                        "xpl-allow/from-client"),
                new Case("short name across namespaces", CLIENT, "web:80", Layer.DNS, "short name", "xpl-web"),
                new Case("typo in the name", CLIENT, "wbe.xpl-web:80", Layer.DNS, "did you mean web"),
                new Case("Service missing", CLIENT, "gone.xpl-web:80", Layer.DNS, "no Service gone", "Deployment gone"),
                new Case("selector mismatch", CLIENT, "mismatch.xpl-web:80", Layer.ENDPOINTS, "matches no pod", "app=web"),
                new Case("pod not Ready", CLIENT, "notready.xpl-web:80", Layer.ENDPOINTS, "none is Ready", "readiness probe"),
                new Case("wrong targetPort", CLIENT, "wrongtp.xpl-web:80", Layer.LISTENING, "nothing listens on port 9090", "8080"),
                new Case("wrong port", CLIENT, "web.xpl-web:8080", Layer.SERVICE, "has no port 8080", "80/TCP"),
                new Case("policy selecting a namespace label nobody has", CLIENT, "web.xpl-np:80", Layer.POLICY, "team=data"),
                new Case("default-deny ingress", CLIENT, "web.xpl-deny:80", Layer.POLICY, "xpl-deny/default-deny-ingress"),
                new Case("deny-all egress blocks DNS", "xpl-noegress/client", "web.xpl-web:80", Layer.DNS, "egress",
                        "xpl-noegress/deny-all-egress"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) throws ExplainException {
        Explanation e = explainer.explain(c.from(), c.to(), "default");
        String shown = String.join("\n", ExplanationText.lines(e, false).stream().map(ExplanationText.Line::text).toList());
        record(c.name(), e);
        if (c.broken() == null) {
            assertTrue(e.healthy(), shown);
            assertEquals(Finding.Status.OK, e.finding(Layer.CONNECTION).orElseThrow().status(), shown);
            for (String word : c.says()) {
                assertTrue(e.finding(Layer.POLICY).orElseThrow().summary().contains(word), word + " in\n" + shown);
            }
            return;
        }
        Finding first = e.firstBroken().orElseThrow(() -> new AssertionError("nothing broken:\n" + shown));
        assertEquals(c.broken(), first.layer(), shown);
        assertFalse(first.fixKind() == null || first.fixKind().isBlank(), "a broken layer names the kind of fix:\n" + shown);
        for (String word : c.says()) {
            assertTrue(first.summary().contains(word), "'" + word + "' in the summary:\n" + shown);
        }
        // the live connection agrees with the layer that broke (nothing connects past a broken layer)
        assertTrue(e.finding(Layer.CONNECTION).orElseThrow().status() != Finding.Status.OK, shown);
    }

    private static synchronized void record(String name, Explanation e) {
        TABLE.add(String.format(Locale.ROOT, "%-48s %-16s %5d ms", name,
                e.firstBroken().map(f -> f.layer().title()).orElse(e.healthy() ? "healthy" : "?"), e.took().toMillis()));
    }

    @Test
    void aPortForwardToAPodThatIsGoneIsExplainedAtThePortForward() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process forward = new ProcessBuilder(runtime.kubectl().binary().toString(), "--kubeconfig",
                runtime.cluster().kubeconfig().toString(), "port-forward", "-n", "xpl-web", "pod/pf", port + ":8080")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Explanation healthy = explainer.explain(null, "localhost:" + port, "default");
            while (!healthy.healthy() && System.nanoTime() < deadline) {
                Thread.sleep(300);
                healthy = explainer.explain(null, "localhost:" + port, "default");
            }
            record("port-forward, healthy", healthy);
            assertTrue(healthy.healthy(), String.valueOf(healthy));
            assertTrue(healthy.finding(Layer.PORT_FORWARD).orElseThrow().summary().contains("xpl-web/pf"), String.valueOf(healthy));

            runtime.client().pods().inNamespace("xpl-web").withName("pf").withGracePeriod(0).delete();
            runtime.client().pods().inNamespace("xpl-web").withName("pf").waitUntilCondition(p -> p == null, 60, TimeUnit.SECONDS);
            // deleted from the API at once, the container still answers while the kubelet stops it
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Explanation dying = explainer.explain("local", "127.0.0.1:" + port, "default");
            while (dying.finding(Layer.CONNECTION).orElseThrow().status() != Finding.Status.BROKEN && System.nanoTime() < deadline) {
                assertEquals(Layer.PORT_FORWARD, dying.firstBroken().orElseThrow().layer(), String.valueOf(dying));
                Thread.sleep(500);
                dying = explainer.explain("local", "127.0.0.1:" + port, "default");
            }
            Explanation dead = dying;
            record("port-forward to a dead pod", dead);
            Finding first = dead.firstBroken().orElseThrow(() -> new AssertionError(String.valueOf(dead)));
            assertEquals(Layer.PORT_FORWARD, first.layer(), String.valueOf(dead));
            assertTrue(first.summary().contains("pf") || first.summary().contains("no kubectl port-forward"), first.summary());
            assertTrue(dead.finding(Layer.CONNECTION).orElseThrow().status() == Finding.Status.BROKEN, String.valueOf(dead));
        } finally {
            forward.destroy();
            forward.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
