package dev.kubelab.bench;

import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.Verdict;
import dev.kubelab.cluster.LocalCluster;
import dev.kubelab.kube.Kubectl;
import dev.kubelab.lesson.Block;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.LessonParser;
import dev.kubelab.lesson.Step;
import dev.kubelab.session.LessonRuntime;
import dev.kubelab.session.NamespaceMap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Check verdict latency once the state holds (goal ≤ 1 s): sets a lesson up on the local cluster,
 * runs every step's solution, then times each check's evaluation. Prints one line per check.
 */
public final class VerdictLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "lessons/03-cluster-dns.md");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Lesson lesson = new LessonParser().parse(file).lesson();
        LocalCluster cluster = LocalCluster.open(LocalCluster.stateDir(System.getenv()));
        Path kubectl = Kubectl.locate(System.getenv(), cluster.kubectl());
        try (LessonRuntime rt = new LessonRuntime(lesson, cluster, new NamespaceMap("bench", lesson.namespaces()), kubectl)) {
            System.out.printf("setup: %d ms%n", rt.setUp().toMillis());
            for (Step step : lesson.steps()) {
                rt.enterStep(step);
                for (Block.Solution s : step.blocks(Block.Solution.class)) {
                    for (String c : s.commands()) {
                        rt.runner().run(rt.render(c), Duration.ofSeconds(60), null, null);
                    }
                }
                for (Block.Check c : step.blocks(Block.Check.class)) {
                    CheckSpec spec = c.spec();
                    Verdict first = rt.check(spec, Duration.ofSeconds(30)); // wait until the state holds
                    double[] ms = new double[runs];
                    for (int i = 0; i < runs; i++) {
                        long t = System.nanoTime();
                        Verdict v = rt.check(spec, Duration.ZERO);
                        ms[i] = (System.nanoTime() - t) / 1e6;
                        if (!v.passed()) {
                            System.out.println("  (not passing: " + v + ")");
                        }
                    }
                    Arrays.sort(ms);
                    System.out.printf("check %-32s %s  median %4.0f ms  p90 %4.0f ms  max %4.0f ms  (%d runs)%n", spec.id(),
                            first.passed() ? "pass" : "FAIL", ms[runs / 2], ms[(int) (runs * 0.9)], ms[runs - 1], runs);
                }
            }
            rt.tearDown();
        }
        System.exit(0);
    }
}
