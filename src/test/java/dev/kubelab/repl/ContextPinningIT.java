package dev.kubelab.repl;

import dev.kubelab.cli.CliRun;
import dev.kubelab.cluster.ClusterChoice;
import dev.kubelab.cluster.LocalCluster;
import dev.kubelab.it.DecoyServer;
import dev.kubelab.it.LiveCluster;
import dev.kubelab.kube.Kubeconfigs;
import dev.kubelab.kube.Kubectl;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The defect of issue 11, live: a kubeconfig whose current-context is a decoy (a server that counts
 * every connection) and {@code --cluster context:<the local cluster's>}. A lesson verified through
 * the CLI and a REPL session (kubectl, {@code !} shell, a check) all run on the named context, and
 * the decoy is never contacted. Fails (never skips) without the local cluster.
 */
class ContextPinningIT {

    @TempDir
    Path tmp;

    private DecoyServer decoy;
    private LocalCluster local;

    @BeforeEach
    void openTheDecoy() throws Exception {
        decoy = new DecoyServer();
    }

    /** The local cluster's kubeconfig plus a decoy context, which is made current. */
    private Path decoyKubeconfig(String realContext) throws Exception {
        Config c = Kubeconfigs.parse(Files.readString(local.kubeconfig()));
        c.getClusters().add(new NamedClusterBuilder().withName("decoy").withNewCluster()
                .withServer("https://127.0.0.1:" + decoy.port()).withInsecureSkipTlsVerify(true).endCluster().build());
        c.getUsers().add(new NamedAuthInfoBuilder().withName("decoy-admin").withNewUser().withToken("decoy").endUser().build());
        c.getContexts().add(new NamedContextBuilder().withName("decoy").withNewContext().withCluster("decoy")
                .withUser("decoy-admin").endContext().build());
        c.setCurrentContext("decoy");
        assertFalse(realContext.equals("decoy"));
        return Files.writeString(tmp.resolve("kubeconfig"), Kubeconfigs.toYaml(c));
    }

    @Test
    void aLessonAndAReplSessionRunOnTheNamedContextNeverOnTheCurrentOne() throws Exception {
        System.setProperty("kubelab.root", LiveCluster.sourceRoot().toString());
        local = LiveCluster.require();
        String real = Kubeconfigs.parse(Files.readString(local.kubeconfig())).getCurrentContext();
        Path kc = decoyKubeconfig(real);
        Path images = local.kubeconfig().getParent().resolve("images.properties");

        // the CLI: setup, probes, the replayed solutions, the declared wrong answers and cleanup
        CliRun verify = CliRun.run("verify", "cluster-dns", "--cluster", "context:" + real, "--kubeconfig", kc.toString(),
                "--allow-existing-cluster", "--images", images.toString());
        assertEquals(0, verify.code(), verify.out() + verify.err());
        assertEquals(0, decoy.connections(), "verify reached the decoy:\n" + verify.out() + verify.err());

        // the REPL: the learner's kubectl, a ! shell cell (plain kubectl, no flags), a check
        ReplHarness h = ReplHarness.live(tmp);
        h.env.put("KUBELAB_KUBECTL", LiveCluster.kubectl(local).toString());
        Map<String, String> env = new java.util.HashMap<>(h.env);
        env.put("KUBELAB_IMAGES", images.toString());
        h.clusterSource = progress -> ClusterChoice.choose("context:" + real, kc, true, env, progress);
        String input = String.join("\n",
                "/open pod-ips",
                "no",
                "5",
                "kubectl -n kl-repl label pod web tier=front",
                "!kubectl config current-context; kubectl -n kl-repl get pod web -o jsonpath='{.metadata.labels.tier}{\"\\n\"}'",
                "kubectl --context decoy get pods",
                "/check",
                "/quit", "");
        assertTimeoutPreemptively(Duration.ofMinutes(4), () -> h.run(input));
        String out = h.output();
        Golden.assertNoStackTrace(out);
        assertContains(out, "cluster: context " + real + " (" + kc + ")");
        assertContains(out, "Lesson ready in ");
        assertContains(out, "pod/web labeled");
        // the shell cell's kubectl, with no flags, sees only the named context
        assertContains(out, real + "\nfront");
        assertContains(out, "--context would point kubectl away from the lesson's cluster");
        assertContains(out, "✔ Check passed: pod web carries the label tier=front");
        assertEquals(0, decoy.connections(), "the REPL reached the decoy:\n" + out);
    }

    @AfterEach
    void cleanUp() throws Exception {
        decoy.close();
        if (local != null) {
            Kubectl k = new Kubectl(LiveCluster.kubectl(local), local.kubeconfig());
            List<String> args = new ArrayList<>(List.of("delete", "namespace", "kl-repl", "--ignore-not-found", "--wait=false"));
            k.run(args, null, Duration.ofSeconds(60), null, null);
        }
    }

    private static void assertContains(String out, String want) {
        assertTrue(out.contains(want), "expected «" + want + "» in:\n" + out);
    }
}
