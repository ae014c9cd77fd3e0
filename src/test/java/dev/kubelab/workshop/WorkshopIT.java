package dev.kubelab.workshop;

import dev.kubelab.cli.CliRun;
import dev.kubelab.cli.Main;
import dev.kubelab.cluster.LocalCluster;
import dev.kubelab.it.LiveCluster;
import dev.kubelab.kube.KubeClients;
import dev.kubelab.kube.Kubectl;
import dev.kubelab.kube.ProcessResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.kubelab.explain.ConnectionExplainer;
import dev.kubelab.explain.Explanation;
import dev.kubelab.explain.Finding;
import dev.kubelab.explain.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A workshop on the local cluster, as the acceptance says: three learners provisioned at
 * once run the DNS and NetworkPolicy lessons concurrently (one lesson each) through {@code kubelab --workshop FILE
 * verify} with their own ServiceAccount tokens and all pass; one learner's NetworkPolicy changes
 * nothing another observes; learners' pods cannot connect to one another's (AdminNetworkPolicy); a
 * learner is Forbidden in another's namespace; bad input is refused;
 * teardown leaves no object of the workshop.
 */
class WorkshopIT {

    static final String WS = "itws";
    static final List<String> LEARNERS = List.of("w1", "w2", "w3");

    @TempDir
    Path tmp;

    static CliRun kubelab(String... args) {
        return CliRun.run(args);
    }

    private Path lessons() throws IOException {
        return LessonCopies.of(tmp, "03-cluster-dns.md", "07-network-policy.md");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void threeLearnersOnOneSharedCluster() throws Exception {
        System.setProperty("kubelab.root", LiveCluster.sourceRoot().toString());
        LocalCluster local = LiveCluster.require();
        Path kubectlBin = LiveCluster.kubectl(local);
        Path state = local.kubeconfig().getParent();
        Path lessons = lessons();
        boolean policyLesson = Files.exists(lessons.resolve("07-network-policy.md"));
        Path dir = tmp.resolve("ws");
        Path names = Files.writeString(tmp.resolve("learners.txt"), String.join("\n", LEARNERS) + "\n");
        int port = freePort();
        // the admin's context named explicitly: kubelab never falls back on a kubeconfig's current-context
        String context = dev.kubelab.kube.Kubeconfigs.parse(Files.readString(local.kubeconfig())).getCurrentContext();
        String[] cluster = {"--cluster", "context:" + context, "--kubeconfig", local.kubeconfig().toString(), "--allow-existing-cluster"};
        try (KubernetesClient admin = KubeClients.fromKubeconfig(local.kubeconfig(), null)) {
            Provisioner p = new Provisioner(admin, m -> { });
            if (!p.ownNamespaces(WS).isEmpty()) {
                p.teardown(WS); // a killed earlier run
            }
            CliRun prov = kubelab(concat(new String[] {"workshop", "provision", "--name", WS, "--learners-file", names.toString(),
                    "--dir", dir.toString(), "--server", "https://127.0.0.1:" + port, "--lessons", lessons.toString(),
                    "--images", state.resolve("images.properties").toString(), "--token-ttl", "30m"}, cluster));
            assertEquals(0, prov.code(), prov.out() + prov.err());
            assertTrue((prov.out() + prov.err()).contains("learner isolation: an AdminNetworkPolicy per learner"), prov.out() + prov.err());
            int made = p.ownNamespaces(WS).size();
            assertTrue(made >= 3 * 5, "namespaces made: " + made);

            // a second provision over the existing workshop: one line, nothing created
            CliRun again = kubelab(concat(new String[] {"workshop", "provision", "--name", WS, "--learners", "2",
                    "--dir", tmp.resolve("other").toString(), "--lessons", lessons.toString()}, cluster));
            assertEquals(2, again.code());
            assertEquals("kubelab: workshop 'itws' already exists on this cluster (" + made
                    + " namespaces); run kubelab workshop teardown --name itws first", again.err().strip());
            assertEquals(made, p.ownNamespaces(WS).size());
            assertFalse(Files.exists(tmp.resolve("other")));

            // learner w1 is Forbidden in w2's namespace and cannot make namespaces; fine in their own
            Kubectl w1 = new Kubectl(kubectlBin, dir.resolve("learners/w1.kubeconfig"));
            Kubectl w2 = new Kubectl(kubectlBin, dir.resolve("learners/w2.kubeconfig"));
            ProcessResult denied = w1.run(List.of("get", "pods", "-n", "itws-w2-garage"), null, Duration.ofSeconds(30), null, null);
            assertFalse(denied.ok());
            assertTrue(denied.combined().contains("Forbidden") && denied.combined().contains("cannot list resource \"pods\""),
                    denied.combined());
            ProcessResult noNs = w1.run(List.of("create", "namespace", "itws-w1-extra"), null, Duration.ofSeconds(30), null, null);
            assertTrue(noNs.combined().contains("Forbidden"), noNs.combined());
            assertTrue(w1.run(List.of("get", "pods", "-n", "itws-w1-garage"), null, Duration.ofSeconds(30), null, null).ok());
            // the cluster DNS is in sight (the DNS lessons and /why read it), nothing else of kube-system is
            ProcessResult dns = w1.run(List.of("get", "service", "kube-dns", "-n", "kube-system", "-o", "name"), null,
                    Duration.ofSeconds(30), null, null);
            assertTrue(dns.ok() && dns.stdout().strip().equals("service/kube-dns"), dns.combined());
            ProcessResult secrets = w1.run(List.of("get", "secrets", "-n", "kube-system"), null, Duration.ofSeconds(30), null, null);
            assertTrue(secrets.combined().contains("Forbidden"), secrets.combined());
            ProcessResult services = w1.run(List.of("get", "services", "-n", "kube-system"), null, Duration.ofSeconds(30), null, null);
            assertTrue(services.combined().contains("Forbidden"), services.combined());
            attacksAreRefused(w1, local.images().get("busybox"));
            tokenExpiresAsAsked(dir.resolve("learners/w1.kubeconfig"), Duration.ofMinutes(30));

            WorkshopFile wf = WorkshopFile.read(dir.resolve(WorkshopFile.FILE));
            Syllabus syllabus = Syllabus.of(wf, dev.kubelab.session.LessonCatalog.load(List.of(lessons)).lessons());
            try (WorkshopServer server = WorkshopServer.start(wf, dir.resolve("events"), "127.0.0.1", port, syllabus.steps(),
                    syllabus.questions(), ServerCertificate.Keystore.in(dir))) {
                // the three learners run lessons at once, each with their own token, in their own slice: w1 the
                // NetworkPolicy lesson (its policies in a slice), w2 and w3 the DNS lesson (one lesson, two slices);
                // one lesson each, so the test takes as long as its longest lesson, not the sum
                Map<String, String> lessonOf = Map.of("w1", policyLesson ? "network-policy" : "cluster-dns",
                        "w2", "cluster-dns", "w3", "cluster-dns");
                ExecutorService pool = Executors.newFixedThreadPool(LEARNERS.size());
                List<Future<CliRun>> runs = new ArrayList<>();
                for (String l : LEARNERS) {
                    runs.add(pool.submit(() -> kubelab("--workshop", dir.resolve("learners/" + l + ".yaml").toString(),
                            "verify", "--lessons", lessons.toString(), lessonOf.get(l))));
                }
                for (int i = 0; i < LEARNERS.size(); i++) {
                    CliRun r = runs.get(i).get();
                    assertEquals(0, r.code(), LEARNERS.get(i) + ":\n" + r.out() + r.err());
                    assertTrue(r.out().contains("PASS " + lessonOf.get(LEARNERS.get(i))) && r.out().contains("1 passed, 0 failed"), r.out());
                }
                pool.shutdown();
                Map<String, Long> counts = server.room().counts();
                for (String l : LEARNERS) {
                    assertTrue(counts.get(l) > 0, "events of " + l + " reached the instructor: " + counts);
                }

                // a learner in the REPL (kubelab --workshop FILE): their graded prediction shows in the room's histogram
                String transcript = replJoined(JoinFile.read(dir.resolve("learners/w1.yaml")), lessons,
                        "/open cluster-dns\nno\n4\n/quit\n");
                assertTrue(transcript.contains("Joined workshop itws as w1 (your namespaces: itws-w1-*"), transcript);
                String room = server.room().html(System.currentTimeMillis());
                assertTrue(room.contains("data-prediction=\"cluster-dns/short-name-resolves\""), transcript + room);
                assertTrue(room.matches("(?s).*<tr class=\"right\" data-answer=\"no\" data-count=\"[1-9]\\d*\">.*"),
                        "the room shows w1's right answer 'no':\n" + transcript + room);
            }

            // w1's deny-all policies in all of w1's namespaces change nothing w2 observes; w1 cannot put one in w2's
            String busybox = local.images().get("busybox");
            String ip = serverAndClient(w2, "w2", busybox);
            assertTrue(fetch(w2, "itws-w2-trino", ip, "w2"), "w2 reaches its own server before any policy");
            // w1's own pair: the positive control that w1's policies are in force before w2 is looked at
            String ip1 = serverAndClient(w1, "w1", busybox);
            assertTrue(fetch(w1, "itws-w1-trino", ip1, "w1"), "w1 reaches its own server before any policy");

            // learners are isolated from one another (the workshop's AdminNetworkPolicies): w1 cannot open a
            // connection to w2's server nor w2 to w1's, while each still reaches its own (both servers alive)
            for (int i = 0; i < 3; i++) {
                assertTrue(blockedOnce(w1, "itws-w1-trino", ip), "w1's pod reached w2's server (try " + (i + 1) + ")");
                assertTrue(blockedOnce(w2, "itws-w2-trino", ip1), "w2's pod reached w1's server (try " + (i + 1) + ")");
            }
            assertTrue(fetchOnce(w2, "itws-w2-trino", ip, "w2"), "w2's server is alive: its own learner reaches it");
            assertTrue(fetchOnce(w1, "itws-w1-trino", ip1, "w1"), "w1's server is alive: its own learner reaches it");
            explainedInASlice(dir.resolve("learners/w1.kubeconfig"), ip, ip1);
            String denyAll = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all}\n"
                    + "spec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n";
            for (String ns : List.of("garage", "trino", "airbyte", "database")) {
                ProcessResult applied = w1.run(List.of("apply", "-n", "itws-w1-" + ns, "-f", "-"), denyAll, Duration.ofSeconds(30), null, null);
                assertTrue(applied.ok(), applied.combined());
            }
            ProcessResult intoB = w1.run(List.of("apply", "-n", "itws-w2-garage", "-f", "-"), denyAll, Duration.ofSeconds(30), null, null);
            assertTrue(intoB.combined().contains("Forbidden"), intoB.combined());
            // wait for the condition, not a clock: w1's own fetch is blocked (its policies are programmed) ...
            long programmed = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean w1Blocked = false;
            while (!w1Blocked && System.nanoTime() < programmed) {
                w1Blocked = blockedOnce(w1, "itws-w1-trino", ip1);
            }
            assertTrue(w1Blocked, "w1's deny-all policies never blocked w1's own fetch within 30 s");
            assertTrue(blockedOnce(w1, "itws-w1-trino", ip1), "w1's block holds");
            // ... and then every one of w2's fetches still succeeds: the block does not reach w2
            for (int i = 0; i < 3; i++) {
                assertTrue(fetchOnce(w2, "itws-w2-trino", ip, "w2"), "w2's fetch " + (i + 1) + " of 3 failed with w1's deny-all policies in place");
            }

            // teardown removes exactly the workshop; no object carrying its label is left
            CliRun down = kubelab(concat(new String[] {"workshop", "teardown", "--name", WS, "--dir", dir.toString()}, cluster));
            assertEquals(0, down.code(), down.out() + down.err());
            assertEquals(List.of(), p.remaining(WS));
            for (String l : LEARNERS) {
                assertTrue(admin.namespaces().withName("itws-" + l + "-garage").get() == null);
            }
            assertFalse(Files.exists(dir.resolve("learners/w1.kubeconfig")));
            CliRun twice = kubelab(concat(new String[] {"workshop", "teardown", "--name", WS, "--dir", dir.toString()}, cluster));
            assertEquals(2, twice.code());
            assertEquals("kubelab: no workshop 'itws' on this cluster (no namespace labelled kubelab.dev/workshop=itws); "
                    + "nothing to tear down", twice.err().strip());
        } finally {
            try (KubernetesClient admin = KubeClients.fromKubeconfig(local.kubeconfig(), null)) {
                Provisioner p = new Provisioner(admin, m -> { });
                if (!p.ownNamespaces(WS).isEmpty()) {
                    p.teardown(WS);
                }
            }
        }
    }

    /**
     * What a curious learner tries in their own slice (docs/workshop.md lists them), each refused
     * with its reason; the same learner's plain pod and ClusterIP Service are admitted, so the
     * refusals are the guards' and not a broken namespace.
     */
    private static void attacksAreRefused(Kubectl w1, String busybox) throws IOException {
        String ns = "itws-w1-garage";
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: %s}\nspec:\n  %s\n  containers:\n  - name: c\n    image: "
                + busybox + "\n    imagePullPolicy: IfNotPresent\n    command: [sleep, '3600']\n%s";
        refused(w1, ns, String.format(pod, "priv", "terminationGracePeriodSeconds: 0", "    securityContext: {privileged: true}\n"),
                "violates PodSecurity \"baseline:latest\": privileged");
        refused(w1, ns, String.format(pod, "hostpath", "volumes: [{name: root, hostPath: {path: /}}]", ""),
                "violates PodSecurity \"baseline:latest\": hostPath volumes");
        refused(w1, ns, String.format(pod, "hostnet", "hostNetwork: true", ""),
                "violates PodSecurity \"baseline:latest\": host namespaces");
        refused(w1, ns, String.format(pod, "hostpid", "hostPID: true", ""), "host namespaces (hostPID=true)");
        refused(w1, ns, String.format(pod, "netadmin", "terminationGracePeriodSeconds: 0",
                "    securityContext: {capabilities: {add: [NET_ADMIN]}}\n"), "non-default capabilities");
        refused(w1, ns, String.format(pod, "huge", "terminationGracePeriodSeconds: 0",
                "    resources: {requests: {memory: 2Gi}, limits: {memory: 2Gi}}\n"), "maximum memory usage per Container is 512Mi");
        String svc = "apiVersion: v1\nkind: Service\nmetadata: {name: %s}\nspec: {%s selector: {app: x}, ports: [{port: 80}]}\n";
        refused(w1, ns, String.format(svc, "np", "type: NodePort,"), "no NodePort or LoadBalancer");
        refused(w1, ns, String.format(svc, "lb", "type: LoadBalancer,"), "no NodePort or LoadBalancer");
        refused(w1, ns, String.format(svc, "eip", "externalIPs: [203.0.113.7],"), "Service externalIPs are not allowed");
        refused(w1, ns, "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {k: v}\n", "cannot create resource \"secrets\"");
        refused(w1, ns, "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {a: b}}\n"
                + "  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: " + busybox + "}]}\n",
                "cannot create resource \"daemonsets\"");
        // the quota: two pods of 600m CPU each do not fit in the namespace's 1 CPU of requests
        String cpu = "    resources: {requests: {cpu: 600m}, limits: {cpu: 600m}}\n";
        admitted(w1, ns, String.format(pod, "cpu-a", "terminationGracePeriodSeconds: 0", cpu));
        refused(w1, ns, String.format(pod, "cpu-b", "terminationGracePeriodSeconds: 0", cpu), "exceeded quota: kubelab-slice");
        // the positive controls: what the lessons do is admitted under the same guards
        admitted(w1, ns, String.format(svc, "web", ""));
        run(w1, "-n", ns, "delete", "pod", "cpu-a", "--wait=false");
        run(w1, "-n", ns, "delete", "service", "web");
    }

    private static void refused(Kubectl k, String ns, String yaml, String reason) throws IOException {
        ProcessResult r = k.run(List.of("create", "-n", ns, "-f", "-"), yaml, Duration.ofSeconds(30), null, null);
        assertFalse(r.ok(), "admitted:\n" + yaml + r.combined());
        assertTrue(r.combined().contains(reason), "refused, but not for «" + reason + "»:\n" + yaml + r.combined());
    }

    private static void admitted(Kubectl k, String ns, String yaml) throws IOException {
        ProcessResult r = k.run(List.of("apply", "-n", ns, "-f", "-"), yaml, Duration.ofSeconds(30), null, null);
        assertTrue(r.ok(), yaml + r.combined());
    }

    /** The learner's token is a TokenRequest token whose lifetime is what provision was asked for. */
    private static void tokenExpiresAsAsked(Path kubeconfig, Duration ttl) throws Exception {
        var config = dev.kubelab.kube.Kubeconfigs.parse(Files.readString(kubeconfig));
        String token = config.getUsers().get(0).getUser().getToken();
        String[] parts = token.split("\\.");
        Map<?, ?> claims = new io.fabric8.kubernetes.client.utils.KubernetesSerialization().unmarshal(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8), Map.class);
        long lifetime = ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue();
        assertEquals(ttl.toSeconds(), lifetime, 60.0, "token lifetime in seconds: " + claims);
        assertTrue(config.getClusters().get(0).getCluster().getCertificateAuthorityData() != null, "the learner's kubeconfig pins a CA");
        assertTrue(config.getClusters().get(0).getCluster().getInsecureSkipTlsVerify() == null, "no insecure-skip-tls-verify");
    }

    /** A scripted REPL session joined to the workshop (a dumb terminal, as {@code kubelab --workshop F < script}). */
    private String replJoined(JoinFile join, Path lessons, String script) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("KUBELAB_HOME", tmp.resolve("repl-home").toString());
        env.put("NO_COLOR", "1");
        env.remove("CI");
        LearnerCluster cluster = new LearnerCluster(join, Kubectl.locate(env, null));
        dev.kubelab.repl.ReplConfig config = new dev.kubelab.repl.ReplConfig("it", env, lessons, LiveCluster.sourceRoot(),
                progress -> cluster, false, false).joining(join);
        try (org.jline.terminal.Terminal t = dev.kubelab.repl.ReplLauncher.dumb(
                new java.io.ByteArrayInputStream(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)), out)) {
            dev.kubelab.repl.ReplLauncher.run(config, t, null);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static ProcessResult run(Kubectl k, String... args) throws IOException {
        ProcessResult r = k.run(List.of(args), null, Duration.ofSeconds(120), null, null);
        assertTrue(r.ok(), String.join(" ", args) + ": " + r.combined());
        return r;
    }

    /** A server pod in the learner's garage namespace and a client pod in their trino one; the server's IP. */
    private static String serverAndClient(Kubectl k, String learner, String busybox) throws IOException {
        String garage = "itws-" + learner + "-garage";
        String trino = "itws-" + learner + "-trino";
        run(k, "-n", garage, "run", "srv", "--image", busybox, "--image-pull-policy=IfNotPresent", "--labels", "app=srv",
                "--", "sh", "-c", "mkdir -p /w && echo iso-ok-" + learner + " > /w/index.html && exec httpd -f -p 8080 -h /w");
        run(k, "-n", trino, "run", "cli", "--image", busybox, "--image-pull-policy=IfNotPresent", "--", "sleep", "3600");
        run(k, "-n", garage, "wait", "--for=condition=Ready", "pod/srv", "--timeout=90s");
        run(k, "-n", trino, "wait", "--for=condition=Ready", "pod/cli", "--timeout=90s");
        return run(k, "-n", garage, "get", "pod", "srv", "-o", "jsonpath={.status.podIP}").stdout().strip();
    }

    /** Up to five tries (a new pod's route may take a moment): true once {@code learner}'s page came back. */
    private static boolean fetch(Kubectl k, String ns, String ip, String learner) throws IOException {
        for (int i = 0; i < 5; i++) {
            if (fetchOnce(k, ns, ip, learner)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One fetch from pod cli in {@code ns} that ran and failed as a blocked connection does (wget's
     * 1, timeout's 124 or 143): an exec that could not run is not a block.
     */
    private static boolean blockedOnce(Kubectl k, String ns, String ip) throws IOException {
        ProcessResult r = k.run(List.of("-n", ns, "exec", "cli", "--", "timeout", "3", "wget", "-q", "-O", "-",
                "http://" + ip + ":8080/"), null, Duration.ofSeconds(20), null, null);
        return !r.timedOut() && List.of(1, 124, 143).contains(r.exitCode());
    }

    /** One fetch from pod cli in {@code ns}: true when the page of {@code learner}'s server came back (who answered, not just that something did). */
    private static boolean fetchOnce(Kubectl k, String ns, String ip, String learner) throws IOException {
        ProcessResult r = k.run(List.of("-n", ns, "exec", "cli", "--", "timeout", "3", "wget", "-q", "-O", "-",
                "http://" + ip + ":8080/"), null, Duration.ofSeconds(20), null, null);
        return r.ok() && r.stdout().strip().equals("iso-ok-" + learner);
    }

    /**
     * {@code kubelab explain} with a learner's own permissions: what the slice cannot read is said, not guessed (another
     * learner's pod IP is no address this account can see), the cluster DNS is in sight, and the
     * connection into another learner's slice is named as dropped by something out of the learner's sight (the
     * workshop's AdminNetworkPolicy), while the learner's own server is explained as healthy.
     */
    private static void explainedInASlice(Path learnerKubeconfig, String othersIp, String ownIp) throws Exception {
        try (KubernetesClient api = KubeClients.fromKubeconfig(learnerKubeconfig, null)) {
            ConnectionExplainer explainer = new ConnectionExplainer(api);
            Explanation own = explainer.explain("itws-w1-trino/cli", ownIp + ":8080", "default");
            assertTrue(own.healthy(), String.valueOf(own));
            Explanation other = explainer.explain("itws-w1-trino/cli", othersIp + ":8080", "default");
            Finding first = other.firstBroken().orElseThrow(() -> new AssertionError(String.valueOf(other)));
            assertEquals(Layer.CONNECTION, first.layer(), String.valueOf(other));
            assertTrue(first.summary().contains("timed out") && first.summary().contains("AdminNetworkPolicy"), first.summary());
            assertEquals(Finding.Status.UNKNOWN, other.finding(Layer.SERVICE).orElseThrow().status(), String.valueOf(other));
            // the cluster DNS is in the learner's sight (the workshop's read-only Role in kube-system)
            assertTrue(other.finding(Layer.RESOLV_CONF).orElseThrow().evidence().stream()
                    .anyMatch(l -> l.endsWith("is the ClusterIP of kube-system/kube-dns")), String.valueOf(other));
        }
    }

    private static String[] concat(String[] a, String... b) {
        return LessonCopies.concat(a, b);
    }
}
