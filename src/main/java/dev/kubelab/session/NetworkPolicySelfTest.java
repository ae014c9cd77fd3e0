package dev.kubelab.session;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.kube.PodExec;
import dev.kubelab.kube.ProcessResult;
import dev.kubelab.lesson.Lesson;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Is NetworkPolicy enforced on this cluster? Established, never assumed: in a scratch namespace
 * (labelled as kubelab's) a client fetches a page from a server pod; then a deny-all ingress
 * policy is applied and the same fetch must fail three times in a row while the server still
 * serves its own page. The namespace, made by the test, is deleted afterwards.
 */
public final class NetworkPolicySelfTest {

    public static final String FEATURE = "networkpolicy";
    private static final Map<String, Result> CACHE = new ConcurrentHashMap<>();

    private NetworkPolicySelfTest() {
    }

    /** What the self-test found; {@code summary} is one line for the user. */
    public sealed interface Result {
        String summary();

        record Enforced(Duration blockedAfter, Duration took) implements Result {
            public String summary() {
                return "NetworkPolicy is enforced (a deny-all policy blocked the test connection within "
                        + blockedAfter.toMillis() + " ms)";
            }
        }

        record NotEnforced(Duration waited) implements Result {
            public String summary() {
                return "NetworkPolicy is not enforced here: with a deny-all policy in place for " + waited.toSeconds()
                        + " s the test connection still succeeded (the cluster has no policy enforcer, or it fails open)";
            }
        }

        record Inconclusive(String reason) implements Result {
            public String summary() {
                return "NetworkPolicy enforcement could not be established: " + reason;
            }
        }
    }

    /** One test fetch: the page came back, the connection failed, or the fetch could not run at all. */
    public enum Fetch { REACHED, BLOCKED, ERROR }

    /** How many blocked fetches in a row, and how many that reached, it takes to decide either way. */
    static final int IN_A_ROW = 3;

    /**
     * The verdict from what was observed: whether the fetch worked without a policy; every fetch
     * under deny-all, in order; and whether the server still answered its own loopback fetch after
     * them (the positive control: a server that died also "blocks"). Enforced takes {@value #IN_A_ROW}
     * blocked fetches in a row at the end and a live server; not enforced takes fetches that still
     * reached at the end and none blocked; an exec that could not run is never a block; anything
     * else is mixed evidence, and said so.
     */
    public static Result decide(boolean reachableWithoutPolicy, List<Fetch> underPolicy, boolean serverAlive,
                                Duration blockedAfter, Duration waited, Duration took) {
        if (!reachableWithoutPolicy) {
            return new Result.Inconclusive("the test connection failed even without any policy, so a failure under "
                    + "deny-all would prove nothing");
        }
        int n = underPolicy.size();
        List<Fetch> tail = underPolicy.subList(Math.max(0, n - IN_A_ROW), n);
        long errors = underPolicy.stream().filter(f -> f == Fetch.ERROR).count();
        if (tail.size() == IN_A_ROW && tail.stream().allMatch(f -> f == Fetch.BLOCKED)) {
            return serverAlive ? new Result.Enforced(blockedAfter, took)
                    : new Result.Inconclusive("the test fetch failed under deny-all, but the server no longer answered "
                    + "its own loopback fetch either, so the failure may not be the policy's");
        }
        if (errors >= IN_A_ROW) {
            return new Result.Inconclusive("the test fetch could not run " + errors + " times under deny-all (exec failed)");
        }
        if (!underPolicy.contains(Fetch.BLOCKED) && tail.size() == IN_A_ROW && tail.stream().allMatch(f -> f == Fetch.REACHED)) {
            return new Result.NotEnforced(waited);
        }
        return new Result.Inconclusive("the evidence is mixed: under deny-all the test fetch went " + underPolicy
                + " in " + waited.toSeconds() + " s");
    }

    /** Why this lesson must not be graded here, or null. Runs the self-test only if the lesson needs the feature. */
    public static String refusal(Lesson lesson, Supplier<Result> selfTest) {
        if (!lesson.requires().contains(FEATURE)) {
            return null;
        }
        Result r = selfTest.get();
        if (r instanceof Result.Enforced) {
            return null;
        }
        return "lesson " + lesson.id() + " needs NetworkPolicy enforcement and will not be graded on this cluster: "
                + r.summary();
    }

    /** The self-test result for this cluster, run once per process and cluster. */
    public static Result cached(Cluster cluster, KubernetesClient client) {
        String key = cluster.kubeconfig() + "#" + cluster.context();
        return CACHE.computeIfAbsent(key, k -> run(cluster, client));
    }

    /** Runs the self-test in a scratch namespace {@code kl-selftest-XXXX}: about 10–30 s, most of it starting two pods. */
    public static Result run(Cluster cluster, KubernetesClient client) {
        return run(cluster, client, "kl-selftest-");
    }

    /** The same, with the scratch namespace's name prefix chosen by the caller. */
    public static Result run(Cluster cluster, KubernetesClient client, String namespacePrefix) {
        String image = cluster.images().get("busybox");
        if (image == null) {
            return new Result.Inconclusive("the backend has no busybox image to run the test pods");
        }
        return runIn(cluster, client, namespacePrefix + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36));
    }

    /** The self-test in namespace {@code ns}, which it creates; an existing one is refused and left alone. */
    static Result runIn(Cluster cluster, KubernetesClient client, String ns) {
        String image = cluster.images().get("busybox");
        if (image == null) {
            return new Result.Inconclusive("the backend has no busybox image to run the test pods");
        }
        long t0 = System.nanoTime();
        // set only once the create succeeded: a name that exists already (a collision, someone else's) is never deleted
        boolean created = false;
        try {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                    .addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB)
                    .addToLabels(Manifests.LESSON_LABEL, "networkpolicy-self-test").endMetadata().build()).create();
            created = true;
            waitForServiceAccount(client, ns);
            client.pods().inNamespace(ns).resource(pod(ns, "server", image,
                    "mkdir -p /www && echo kubelab-ok > /www/index.html && exec httpd -f -p 8080 -h /www")).create();
            client.pods().inNamespace(ns).resource(pod(ns, "client", image, "exec sleep 3600")).create();
            client.pods().inNamespace(ns).withName("server").waitUntilReady(120, TimeUnit.SECONDS);
            client.pods().inNamespace(ns).withName("client").waitUntilReady(120, TimeUnit.SECONDS);
            String ip = client.pods().inNamespace(ns).withName("server").get().getStatus().getPodIP();
            boolean before = false;
            for (int i = 0; i < 5 && !before; i++) {
                before = fetch(client, ns, "client", ip) == Fetch.REACHED;
                if (!before) {
                    Thread.sleep(1000);
                }
            }
            if (!before) {
                return decide(false, List.of(), false, Duration.ZERO, Duration.ZERO, since(t0));
            }
            client.network().v1().networkPolicies().inNamespace(ns).resource(new NetworkPolicyBuilder()
                    .withNewMetadata().withName("deny-all").withNamespace(ns)
                    .addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB).endMetadata()
                    .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress").endSpec().build()).create();
            long applied = System.nanoTime();
            long deadline = applied + TimeUnit.SECONDS.toNanos(20);
            List<Fetch> seen = new java.util.ArrayList<>();
            Duration firstBlocked = null;
            int blockedInARow = 0;
            while (System.nanoTime() < deadline && blockedInARow < IN_A_ROW) {
                Fetch f = fetch(client, ns, "client", ip);
                seen.add(f);
                blockedInARow = f == Fetch.BLOCKED ? blockedInARow + 1 : 0;
                if (blockedInARow == 1) {
                    firstBlocked = since(applied);
                }
                if (blockedInARow < IN_A_ROW) {
                    Thread.sleep(500);
                }
            }
            // the positive control: the server still serves its own page, so a blocked fetch is the policy's doing
            boolean serverAlive = fetch(client, ns, "server", "127.0.0.1") == Fetch.REACHED;
            return decide(true, seen, serverAlive, firstBlocked == null ? Duration.ZERO : firstBlocked, since(applied), since(t0));
        } catch (KubernetesClientException e) {
            return new Result.Inconclusive("the Kubernetes API refused the test (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Inconclusive("interrupted");
        } finally {
            if (created) {
                cleanUp(client, ns);
            }
        }
    }

    private static Pod pod(String ns, String name, String image, String script) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB).addToLabels("kubelab.dev/selftest", name).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(0L)
                .addNewContainer().withName(name).withImage(image).withImagePullPolicy("IfNotPresent")
                .withCommand("sh", "-c", script).endContainer().endSpec().build();
    }

    /**
     * One bounded fetch from pod {@code from}: REACHED when the page came back; BLOCKED when wget
     * or its timeout failed the way a refused or dropped connection does (exit 1, 124 or 143);
     * ERROR when the exec itself failed or the fetch ended any other way (a tool missing, a pod gone).
     */
    private static Fetch fetch(KubernetesClient client, String ns, String from, String ip) throws InterruptedException {
        try {
            ProcessResult r = PodExec.exec(client, ns, from, null, Duration.ofSeconds(6), fetchArgv(ip));
            return classify(r);
        } catch (ExecutionException | KubernetesClientException e) {
            return Fetch.ERROR;
        }
    }

    static Fetch classify(ProcessResult r) {
        if (r.ok() && r.stdout().contains("kubelab-ok")) {
            return Fetch.REACHED;
        }
        if (r.timedOut()) {
            return Fetch.ERROR;
        }
        return switch (r.exitCode()) {
            case 1, 124, 143 -> Fetch.BLOCKED;
            default -> Fetch.ERROR;
        };
    }

    /** The fetch, bounded by timeout(1): busybox 1.35's wget segfaults on {@code -T}, which made every fetch "fail". */
    static List<String> fetchArgv(String ip) {
        return List.of("timeout", "3", "wget", "-q", "-O", "-", "http://" + ip + ":8080/");
    }

    private static void waitForServiceAccount(KubernetesClient client, String ns) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && client.serviceAccounts().inNamespace(ns).withName("default").get() == null) {
            Thread.sleep(100);
        }
    }

    /** Deletes the scratch namespace (it is kubelab's by construction) and waits up to 60 s for it to go. */
    static void cleanUp(KubernetesClient client, String ns) {
        try {
            client.pods().inNamespace(ns).withGracePeriod(0).delete();
            client.namespaces().withName(ns).delete();
            client.namespaces().withName(ns).waitUntilCondition(n -> n == null, 60, TimeUnit.SECONDS);
        } catch (KubernetesClientException e) {
            // best effort: the namespace is labelled as kubelab's and the next run can remove it
        }
    }

    private static Duration since(long t) {
        return Duration.ofNanos(System.nanoTime() - t);
    }
}
