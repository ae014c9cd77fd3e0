package dev.kubelab.workshop;

import dev.kubelab.cli.CliRun;
import dev.kubelab.cluster.LocalCluster;
import dev.kubelab.it.LiveCluster;
import dev.kubelab.kube.KubeClients;
import dev.kubelab.kube.Kubeconfigs;
import dev.kubelab.kube.Kubectl;
import dev.kubelab.kube.ProcessResult;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A learner's token stops working when it expires, live: a one-learner workshop provisioned with
 * the shortest lifetime the API server allows (10 min) lists pods in its namespace, still does
 * 30 s before the token's {@code exp}, and is answered 401 once {@code exp} is past (plus the API
 * server's 60 s clock leeway and its 10 s token cache), while the administrator reads the same
 * namespace at that moment (the server and the namespace are there: only the token is refused).
 *
 * <p>Runs beside the other live tests ({@code @Execution(CONCURRENT)}; failsafe enables parallel
 * execution, every other class stays on the main thread one at a time), so its wait costs CI
 * nothing while they take longer than 11 minutes. Alone it takes about 12 minutes.
 */
@Execution(ExecutionMode.CONCURRENT)
class TokenExpiryIT {

    static final String WS = "itexp";
    /** go-jose's default leeway (the API server validates exp with it) and the authenticator's success cache. */
    static final Duration AFTER_EXPIRY = Duration.ofSeconds(60 + 10 + 5);

    @TempDir
    Path tmp;

    @Test
    void aLearnersTokenIsRefusedOnceItHasExpired() throws Exception {
        System.setProperty("kubelab.root", LiveCluster.sourceRoot().toString());
        LocalCluster local = LiveCluster.require();
        Path lessons = oneLesson();
        Path dir = tmp.resolve("ws");
        String context = Kubeconfigs.parse(Files.readString(local.kubeconfig())).getCurrentContext();
        String[] cluster = {"--cluster", "context:" + context, "--kubeconfig", local.kubeconfig().toString(), "--allow-existing-cluster"};
        try (KubernetesClient admin = KubeClients.fromKubeconfig(local.kubeconfig(), null)) {
            Provisioner p = new Provisioner(admin, m -> { });
            if (!p.ownNamespaces(WS).isEmpty()) {
                p.teardown(WS); // a killed earlier run
            }
            try {
                CliRun prov = CliRun.run(LessonCopies.concat(new String[] {"workshop", "provision", "--name", WS, "--learners", "1",
                        "--dir", dir.toString(), "--lessons", lessons.toString(), "--token-ttl", "10m"}, cluster));
                assertEquals(0, prov.code(), prov.out() + prov.err());
                Path kubeconfig = dir.resolve("learners/l01.kubeconfig");
                var config = Kubeconfigs.parse(Files.readString(kubeconfig));
                String ns = config.getContexts().stream().map(NamedContext::getContext).findFirst().orElseThrow().getNamespace();
                Instant exp = expiry(config.getUsers().get(0).getUser().getToken());
                Kubectl learner = new Kubectl(LiveCluster.kubectl(local), kubeconfig);

                assertTrue(learnerLists(learner, ns).ok(), "the fresh token works");
                sleepUntil(exp.minusSeconds(30));
                ProcessResult before = learnerLists(learner, ns);
                assertTrue(before.ok(), "30 s before its exp the token still works: " + before.combined());

                sleepUntil(exp.plus(AFTER_EXPIRY));
                Integer status = null;
                Instant giveUp = Instant.now().plusSeconds(60);
                while (Instant.now().isBefore(giveUp)) {
                    status = fabric8Status(kubeconfig, ns);
                    if (status == 401) {
                        break;
                    }
                    Thread.sleep(3000);
                }
                assertEquals(401, status, "the learner's API status " + Duration.between(exp, Instant.now()).toSeconds()
                        + " s after the token's exp");
                ProcessResult after = learnerLists(learner, ns);
                assertTrue(!after.ok() && after.combined().contains("Unauthorized"), "kubectl with the expired token: " + after.combined());
                // at the same moment the administrator reads that namespace: it is the token that is refused
                assertTrue(admin.pods().inNamespace(ns).list() != null);
                assertTrue(admin.namespaces().withName(ns).get() != null, "the learner's namespace " + ns + " is still there");
            } finally {
                if (!p.ownNamespaces(WS).isEmpty()) {
                    p.teardown(WS);
                }
                assertEquals(List.of(), p.remaining(WS));
            }
        }
    }

    /** 200 when the learner may list pods in {@code ns}, else the API's status code. */
    private static int fabric8Status(Path kubeconfig, String ns) throws java.io.IOException {
        try (KubernetesClient c = KubeClients.fromKubeconfig(kubeconfig, null)) {
            c.pods().inNamespace(ns).list();
            return 200;
        } catch (KubernetesClientException e) {
            return e.getCode();
        }
    }

    private static ProcessResult learnerLists(Kubectl k, String ns) throws java.io.IOException {
        return k.run(List.of("get", "pods", "-n", ns), null, Duration.ofSeconds(30), null, null);
    }

    private static Instant expiry(String token) {
        String[] parts = token.split("\\.");
        Map<?, ?> claims = new KubernetesSerialization().unmarshal(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), Map.class);
        long lifetime = ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue();
        assertEquals(600, lifetime, 60, "token lifetime in seconds: " + claims);
        return Instant.ofEpochSecond(((Number) claims.get("exp")).longValue());
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** The platform folder and the DNS lesson: a slice without the NetworkPolicy self-test. */
    private Path oneLesson() throws java.io.IOException {
        Path lessons = LessonCopies.of(tmp, "03-cluster-dns.md");
        if (!Files.exists(lessons.resolve("03-cluster-dns.md"))) {
            fail("lessons/03-cluster-dns.md is gone: pick another lesson without requires: for this test");
        }
        return lessons;
    }
}
