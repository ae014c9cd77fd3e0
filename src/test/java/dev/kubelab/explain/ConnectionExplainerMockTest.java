package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the explainer decides without exec into a pod: the client pod, the policy cross-check, forbidden reads, port-forwards. */
@EnableKubernetesMockClient(crud = true)
class ConnectionExplainerMockTest {

    KubernetesClient client;
    KubernetesMockServer server;

    private ServerSocket listener;

    @AfterEach
    void closeListener() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    private static Pod pod(String ns, String name, String phase, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withNamespace(ns).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("busybox").endContainer().endSpec()
                .withNewStatus().withPhase(phase).endStatus().build();
    }

    private void create(Pod p) {
        client.pods().inNamespace(p.getMetadata().getNamespace()).resource(p).create();
    }

    private static void forbid(KubernetesMockServer server, String path) {
        server.expect().get().withPath(path).andReturn(403, new StatusBuilder().withStatus("Failure").withReason("Forbidden")
                .withCode(403).withMessage("forbidden: User \"learner\" cannot list resource").build()).always();
    }

    // (a) the explanation cannot start

    @Test
    void aMissingClientPodIsNamed() {
        ExplainException e = assertThrows(ExplainException.class,
                () -> new ConnectionExplainer(client).explain("ns/missing", "web.ns:80", "default"));
        assertEquals("no pod missing in namespace ns", e.getMessage());
    }

    @Test
    void aPendingClientPodIsNotRunning() {
        create(pod("ns", "waiting", "Pending", Map.of("app", "client")));
        ExplainException e = assertThrows(ExplainException.class,
                () -> new ConnectionExplainer(client).explain("ns/waiting", "web.ns:80", "default"));
        assertEquals("pod ns/waiting is not running (it is Pending): a connection needs a running client", e.getMessage());
    }

    @Test
    void aMissingDeploymentIsNamed() {
        ExplainException e = assertThrows(ExplainException.class,
                () -> new ConnectionExplainer(client).explain("ns/deploy/nope", "web.ns:80", "default"));
        assertEquals("no Deployment nope in namespace ns", e.getMessage());
    }

    @Test
    void aDeploymentWithoutARunningPod() {
        client.apps().deployments().inNamespace("ns").resource(new DeploymentBuilder().withNewMetadata().withName("client").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "client").endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", "client").endMetadata().withNewSpec().addNewContainer().withName("app").withImage("busybox")
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        create(pod("ns", "client-abc", "Pending", Map.of("app", "client")));
        create(pod("ns", "other", "Running", Map.of("app", "other")));
        ExplainException e = assertThrows(ExplainException.class,
                () -> new ConnectionExplainer(client).explain("ns/deploy/client", "web.ns:80", "default"));
        assertEquals("no running pod of Deployment ns/client", e.getMessage());
    }

    @Test
    void aSelectorMatchingNoRunningPod() {
        create(pod("ns", "client-0", "Failed", Map.of("app", "client")));
        ExplainException e = assertThrows(ExplainException.class,
                () -> new ConnectionExplainer(client).explain("app=client", "web.ns:80", "ns"));
        assertEquals("no running pod matches app=client in namespace ns", e.getMessage());
    }

    @Test
    void wrongWordsAreOneLine() {
        ConnectionExplainer x = new ConnectionExplainer(client);
        assertTrue(assertThrows(ExplainException.class, () -> x.explain("ns/web", "web.ns", "default")).getMessage()
                .contains("has no port"));
        assertTrue(assertThrows(ExplainException.class, () -> x.explain("ns/svc/web", "web.ns:80", "default")).getMessage()
                .contains("the middle part must be deploy or pod"));
        assertTrue(assertThrows(ExplainException.class, () -> x.explain("", "web.ns:80", "default")).getMessage()
                .startsWith("say where the connection starts"));
        assertTrue(assertThrows(ExplainException.class, () -> x.explain("ns/web", "localhost:8080", "default")).getMessage()
                .startsWith("localhost inside a pod is the pod itself"));
    }

    @Test
    void anApiErrorReadingTheClientIsAnExplainException() {
        server.expect().get().withPath("/api/v1/namespaces/ns/pods/broken").andReturn(500, new StatusBuilder().withStatus("Failure")
                .withCode(500).withMessage("etcdserver: request timed out").build()).always();
        // no retries: fabric8 would back off on a 5xx for ~20 s
        try (KubernetesClient noRetry = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(0).build()).build()) {
            ExplainException e = assertThrows(ExplainException.class,
                    () -> new ConnectionExplainer(noRetry).explain("ns/broken", "web.ns:80", "default"));
            assertTrue(e.getMessage().startsWith("the API server did not answer: the Kubernetes API answered 500:"), e.getMessage());
            assertTrue(e.getMessage().contains("etcdserver: request timed out"), e.getMessage());
        }
    }

    // (b) policy computed vs connection observed

    private static final Finding POLICY_DENIES = Finding.broken(Layer.POLICY, "ingress denied: default-deny selects garage-0",
            List.of("ingress: denied"), "add an ingress rule");
    private static final Finding DNS_OK = Finding.ok(Layer.DNS, "resolves", List.of());

    @Test
    void aDenyingPolicyWithAConnectionThatWentThroughIsNotEnforced() {
        Finding connected = Finding.ok(Layer.CONNECTION, "connected to web.ns:80 in 2 ms", List.of());
        List<Finding> out = ConnectionExplainer.crossCheck(List.of(DNS_OK, POLICY_DENIES, connected));
        assertEquals(3, out.size());
        assertSame(DNS_OK, out.get(0));
        Finding policy = out.get(1);
        assertEquals(Layer.POLICY, policy.layer());
        assertEquals(Finding.Status.WARNING, policy.status());
        assertTrue(policy.summary().contains("ingress denied: default-deny selects garage-0"), policy.summary());
        assertTrue(policy.summary().contains("yet the connection went through"), policy.summary());
        assertTrue(policy.summary().contains("does not enforce"), policy.summary());
        assertEquals(List.of("ingress: denied"), policy.evidence());
        assertSame(connected, out.get(2));
        assertTrue(new Explanation("a", "b", out, java.time.Duration.ZERO).healthy(), "nothing is broken any more");
    }

    @Test
    void aDenyingPolicyWithAFailedConnectionStaysBroken() {
        Finding timedOut = Finding.broken(Layer.CONNECTION, "timed out after 2 s", List.of(), null);
        List<Finding> findings = List.of(DNS_OK, POLICY_DENIES, timedOut);
        assertEquals(findings, ConnectionExplainer.crossCheck(findings));
        List<Finding> unknown = List.of(POLICY_DENIES, Finding.unknown(Layer.CONNECTION, "did not finish", List.of()));
        assertEquals(unknown, ConnectionExplainer.crossCheck(unknown));
        List<Finding> noConnection = List.of(DNS_OK, POLICY_DENIES);
        assertEquals(noConnection, ConnectionExplainer.crossCheck(noConnection));
        List<Finding> policyOk = List.of(Finding.ok(Layer.POLICY, "no policy", List.of()),
                Finding.ok(Layer.CONNECTION, "connected", List.of()));
        assertEquals(policyOk, ConnectionExplainer.crossCheck(policyOk));
    }

    // (c) reads the learner's account may not make

    private Scene sceneToWeb(String clientNs) {
        Pod clientPod = pod(clientNs, "client-0", "Running", Map.of("app", "client"));
        Scene s = new Scene(client, Destination.parse("web.ns:80"), clientPod);
        Pod target = pod("ns", "web-0", "Running", Map.of("app", "web"));
        s.targetPods.add(target);
        s.targetPort = 8080;
        return s;
    }

    @Test
    void policiesThatCannotBeReadAreUnknown() {
        forbid(server, "/apis/networking.k8s.io/v1/namespaces/ns/networkpolicies");
        Finding f = new PolicyLayer().examine(sceneToWeb("ns"));
        assertEquals(Layer.POLICY, f.layer());
        assertEquals(Finding.Status.UNKNOWN, f.status());
        assertEquals("cannot read NetworkPolicies in ns: your account is not allowed to", f.summary());
    }

    @Test
    void theTargetsPoliciesUnreadableIsUnknownToo() {
        forbid(server, "/apis/networking.k8s.io/v1/namespaces/ns/networkpolicies");
        Finding f = new PolicyLayer().examine(sceneToWeb("client-ns")); // the client's namespace is readable (and empty)
        assertEquals(Finding.Status.UNKNOWN, f.status());
        assertTrue(f.summary().contains("cannot read NetworkPolicies in ns"), f.summary());
    }

    @Test
    void endpointSlicesThatCannotBeReadAreUnknown() {
        forbid(server, "/apis/discovery.k8s.io/v1/namespaces/ns/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dweb");
        Scene s = sceneToWeb("client-ns");
        s.targetPods.clear();
        s.service = new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("web").endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP("10.96.0.50").addToSelector("app", "web")
                .addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort().endSpec().build();
        Finding f = new EndpointsLayer().examine(s);
        assertEquals(Layer.ENDPOINTS, f.layer());
        assertEquals(Finding.Status.UNKNOWN, f.status());
        assertTrue(f.summary().startsWith("cannot read EndpointSlices in ns"), f.summary());
        assertTrue(s.targetPods.isEmpty());
    }

    // (d) from this machine through a kubectl port-forward (no exec: /proc and a local socket)

    /** A local server that answers one line of HTTP, standing in for the kubectl port-forward's listener. */
    private int answeringListener() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket c = listener.accept()) {
                    InputStream in = c.getInputStream();
                    byte[] buf = new byte[64];
                    in.read(buf);
                    c.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    c.shutdownOutput();
                    in.read(buf);
                } catch (IOException closed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return listener.getLocalPort();
    }

    private static void kubectlForward(Path proc, long pid, String... args) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(String.valueOf(pid)));
        StringBuilder sb = new StringBuilder("kubectl\0port-forward\0");
        for (String a : args) {
            sb.append(a).append('\0');
        }
        Files.writeString(dir.resolve("cmdline"), sb.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aForwardToARunningPodThatAnswers(@TempDir Path proc) throws Exception {
        int port = answeringListener();
        create(pod("ns", "web-0", "Running", Map.of("app", "web")));
        kubectlForward(proc, 4242, "-n", "ns", "pod/web-0", port + ":80");
        Explanation e = new ConnectionExplainer(client, proc).explain("local", "127.0.0.1:" + port, "default");
        assertEquals("this machine", e.from());
        assertEquals(List.of(Layer.PORT_FORWARD, Layer.CONNECTION), e.findings().stream().map(Finding::layer).toList());
        Finding pf = e.finding(Layer.PORT_FORWARD).orElseThrow();
        assertEquals(Finding.Status.OK, pf.status(), pf.summary());
        assertEquals("kubectl port-forward (pid 4242) forwards " + port + " to port 80 of pod ns/web-0", pf.summary());
        Finding conn = e.finding(Layer.CONNECTION).orElseThrow();
        assertEquals(Finding.Status.OK, conn.status(), conn.summary() + " " + conn.evidence());
        assertTrue(conn.evidence().get(0).contains("answered \"HTTP/1.0 200 OK\""), conn.evidence().toString());
        assertTrue(e.healthy());
    }

    @Test
    void aForwardWhosePodIsGone(@TempDir Path proc) throws Exception {
        int port = answeringListener();
        kubectlForward(proc, 4242, "-n", "ns", "pod/web-0", port + ":80");
        Explanation e = new ConnectionExplainer(client, proc).explain(null, "localhost:" + port, "default");
        Finding pf = e.finding(Layer.PORT_FORWARD).orElseThrow();
        assertEquals(Finding.Status.BROKEN, pf.status());
        assertTrue(pf.summary().startsWith("the forward's pod ns/web-0 is gone"), pf.summary());
        assertEquals("start the port-forward again, to a Service or Deployment rather than a pod name", pf.fixKind());
        // the listener still answered: the pod's container is shutting down
        assertEquals(Finding.Status.WARNING, e.finding(Layer.CONNECTION).orElseThrow().status());
        assertEquals(pf, e.firstBroken().orElseThrow());
    }

    @Test
    void aForwardToAServiceNeedsNoPodLookup(@TempDir Path proc) throws Exception {
        int port = answeringListener();
        kubectlForward(proc, 7, "svc/web", port + ":8080");
        Explanation e = new ConnectionExplainer(client, proc).explain("local", "localhost:" + port, "default");
        Finding pf = e.finding(Layer.PORT_FORWARD).orElseThrow();
        assertEquals(Finding.Status.OK, pf.status());
        assertTrue(pf.summary().contains("svc/web -n default forwards " + port + " to 8080"), pf.summary());
    }

    @Test
    void noForwardAndNothingListening(@TempDir Path proc) throws Exception {
        int port = freePort();
        kubectlForward(proc, 9, "-n", "ns", "pod/web-0", (port == 65535 ? port - 1 : port + 1) + ":80"); // another port
        Explanation e = new ConnectionExplainer(client, proc).explain("local", "127.0.0.1:" + port, "default");
        Finding pf = e.finding(Layer.PORT_FORWARD).orElseThrow();
        assertEquals(Finding.Status.BROKEN, pf.status());
        assertTrue(pf.summary().startsWith("nothing listens on 127.0.0.1:" + port + ": no kubectl port-forward runs for port " + port),
                pf.summary());
        Finding conn = e.finding(Layer.CONNECTION).orElseThrow();
        assertEquals(Finding.Status.BROKEN, conn.status());
        assertEquals("refused: nothing listens on 127.0.0.1:" + port, conn.summary());
    }

    @Test
    void somethingElseListening(@TempDir Path proc) throws Exception {
        int port = answeringListener();
        Explanation e = new ConnectionExplainer(client, proc).explain("local", "127.0.0.1:" + port, "default");
        Finding pf = e.finding(Layer.PORT_FORWARD).orElseThrow();
        assertEquals(Finding.Status.WARNING, pf.status());
        assertTrue(pf.summary().contains("not a kubectl port-forward"), pf.summary());
        assertEquals(Finding.Status.OK, e.finding(Layer.CONNECTION).orElseThrow().status());
    }
}
