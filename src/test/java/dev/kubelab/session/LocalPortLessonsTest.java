package dev.kubelab.session;

import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.LessonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lessons that bind this machine's ports cannot run their wrong answers side by side. */
class LocalPortLessonsTest {

    @TempDir
    Path dir;

    private Lesson lesson(String step) throws IOException {
        Path f = dir.resolve("x.md");
        Files.writeString(f, "---\nid: x\ntitle: X\nsummary: x\nminutes: 5\nnamespaces: [dagster]\nimages: [busybox]\n---\n\n"
                + "## Step\n\n" + step);
        return new LessonParser().parse(f).lesson();
    }

    @Test
    void aPortForwardSolutionOrALocalProbeMeansOneAtATime() throws IOException {
        String check = "```check\nid: c\ndescription: d\nprobe:\n  %s\nexpect: true\n```\n\n";
        String solution = "```solution\n%s\n```\n";
        assertTrue(LessonVerifier.usesLocalPorts(lesson(check.formatted("exists: {kind: pod, namespace: dagster, name: p}")
                + solution.formatted("kubectl -n ${ns:dagster} port-forward svc/web 18300:80"))));
        assertTrue(LessonVerifier.usesLocalPorts(lesson(check.formatted("localPort: {port: 18300}")
                + solution.formatted("kubectl -n ${ns:dagster} delete pod p"))));
        assertTrue(LessonVerifier.usesLocalPorts(lesson(check.formatted("localHttp: {port: 18300}")
                + solution.formatted("kubectl -n ${ns:dagster} delete pod p"))));
        assertFalse(LessonVerifier.usesLocalPorts(lesson(check.formatted("exists: {kind: pod, namespace: dagster, name: p}")
                + solution.formatted("kubectl -n ${ns:dagster} delete pod p"))));
    }
}
