package dev.kubelab.bench;

import dev.kubelab.session.LessonCatalog;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Prints the time to parse and lint every lesson: the first time after JVM start, then warm. */
public final class LintBenchmark {

    public static void main(String[] args) {
        List<Path> paths = List.of(Path.of(args.length > 0 ? args[0] : "lessons"));
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long t0 = System.nanoTime();
        LessonCatalog first = LessonCatalog.load(paths);
        double firstMs = (System.nanoTime() - t0) / 1e6;
        double sinceJvm = System.currentTimeMillis() - jvmStart;
        int runs = 30;
        double[] warm = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            LessonCatalog.load(paths);
            warm[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(warm);
        System.out.printf("lessons: %d, problems: %d%n", first.lessons().size(), first.problems().size());
        System.out.printf("parse+lint, first after JVM start: %.0f ms (JVM start to done: %.0f ms)%n", firstMs, sinceJvm);
        System.out.printf("parse+lint, warm: median %.1f ms, p90 %.1f ms over %d runs%n", warm[runs / 2], warm[runs * 9 / 10], runs);
    }
}
