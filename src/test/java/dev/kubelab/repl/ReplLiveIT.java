package dev.kubelab.repl;

import dev.kubelab.cluster.LocalCluster;
import dev.kubelab.it.LiveCluster;
import dev.kubelab.kube.Kubectl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scripted session on the live local cluster: a wrong and a right prediction graded from the
 * cluster with evidence, a failing /check, a command that makes the check pass quietly, Java
 * against the lesson's client. Fails (never skips) without a cluster.
 */
class ReplLiveIT {

    @TempDir
    Path tmp;

    private LocalCluster cluster;

    @Test
    void predictionsAndChecksAgainstTheLiveCluster() throws Exception {
        cluster = LiveCluster.require();
        ReplHarness h = ReplHarness.live(tmp);
        String input = String.join("\n",
                "/open pod-ips",
                "no",
                "5",
                "kubectl -n kl-repl get pods -o wide",
                "/check",
                "kubectl -n kl-repl label pod web tier=back",
                "/check",
                "kubectl -n kl-repl label pod web tier=front --overwrite",
                "/step",
                "yes",
                "",
                "pods(\"kl-repl\").size()",
                "/next",
                "1",
                "2",
                "/quit", "");
        assertTimeoutPreemptively(Duration.ofMinutes(4), () -> h.run(input));
        String out = h.output();
        Golden.assertNoStackTrace(out);
        assertContains(out, "cluster: local (");
        assertContains(out, "Lesson ready in ");
        // wrong prediction: the cluster disagrees, with evidence
        assertContains(out, "✘ Not quite: you said no; the cluster says yes.");
        // "no" is the mistake the lesson declares: its why comes before the explanation
        assertContains(out, "A common mistake: believing only Services get addresses, and pods hide behind them.\n"
                + "  Every Running pod gets one from the pod CIDR.");
        assertContains(out, "You were sure, and the cluster disagreed");
        assertMatches(out, "(?s).*web\\s+1/1\\s+Running.*");
        assertContains(out, "✘ Not yet: pod web carries the label tier=front");
        // the cluster state matches a declared mistake (shows: back): that mistake is named, once
        assertContains(out, "This looks like a common mistake: labelling it with the other tier's value.");
        assertEquals(1, out.split("This looks like a common mistake", -1).length - 1, out);
        assertContains(out, "✔ Check passed: pod web carries the label tier=front");
        assertContains(out, "/next for step 2 (Count the pods)");
        // right prediction after /step re-asks it
        assertContains(out, "✔ Correct: yes. Every Running pod gets one from the pod CIDR.");
        assertContains(out, "  · pods matching app=web in kl-repl have IPs [");
        assertContains(out, "$1 ==> 1");
        assertContains(out, "✔ Correct: 1.");
    }

    /** A wrong prediction about a connection offers /why; /why names the broken layer; the repair passes the check. */
    @Test
    void whyExplainsTheConnectionOfAWrongPrediction() throws Exception {
        cluster = LiveCluster.require();
        ReplHarness h = ReplHarness.live(tmp);
        String input = String.join("\n",
                "/open why",
                "yes",
                "",
                "/why",
                "/why kl-why/client http://web.kl-why:80/",
                "kubectl -n kl-why patch service web --type merge -p '{\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":8080}]}}'",
                "/check",
                "/why",
                "/quit", "");
        assertTimeoutPreemptively(Duration.ofMinutes(4), () -> h.run(input));
        String out = h.output();
        Golden.assertNoStackTrace(out);
        assertContains(out, "✘ Not quite: you said yes; the cluster says no.");
        assertContains(out, "/why shows, layer by layer, why this connection behaves as it does.");
        assertContains(out, "Explaining kl-why/client -> web.kl-why:80");
        assertMatches(out, "(?s).*✘ Broken at the listening port layer: nothing listens on port 9090 in pod kl-why/web-[a-z0-9-]+; "
                + "it listens on \\[8080\\].*");
        assertContains(out, "kind of fix: point the Service's targetPort at a port the container listens on");
        assertContains(out, "Explaining kl-why/client -> http://web.kl-why:80/");
        assertContains(out, "✔ Check passed: pod client gets a web pod's page from http://web.kl-why");
        // the last connection explained stays the failed one; after the repair it is healthy
        assertMatches(out, "(?s).*✔ Healthy: kl-why/client reaches web.kl-why:80 through every layer\\..*");
    }

    @AfterEach
    void deleteTheLessonNamespace() throws Exception {
        if (cluster != null) {
            Kubectl k = new Kubectl(LiveCluster.kubectl(cluster), cluster.kubeconfig());
            k.run(Duration.ofSeconds(60), "delete", "namespace", "kl-why", "--ignore-not-found", "--wait=false");
            k.run(Duration.ofSeconds(60), "delete", "namespace", "kl-repl", "--ignore-not-found", "--wait=false");
        }
    }

    private static void assertContains(String out, String want) {
        assertTrue(out.contains(want), "expected «" + want + "» in:\n" + out);
    }

    private static void assertMatches(String out, String regex) {
        assertTrue(Pattern.compile(regex).matcher(out).matches(), "expected /" + regex + "/ in:\n" + out);
    }
}
