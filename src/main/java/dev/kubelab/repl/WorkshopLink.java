package dev.kubelab.repl;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.session.LessonRuntime;
import dev.kubelab.session.NamespaceMap;
import dev.kubelab.workshop.Event;
import dev.kubelab.workshop.EventClient;
import dev.kubelab.workshop.JoinFile;
import dev.kubelab.workshop.LearnerCluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A REPL joined to a workshop ({@code kubelab --workshop FILE}): lessons run in the learner's
 * pre-provisioned slice ({@code PREFIX-garage} ...), and what the learner does — entering and
 * passing steps, failed {@code /check}s, graded predictions with their confidence — goes to the
 * instructor's {@code workshop serve} in the background. Events never block the learner; an
 * unreachable server is reported once and retried.
 */
final class WorkshopLink implements AutoCloseable {

    private final JoinFile join;
    private final EventClient events;

    WorkshopLink(JoinFile join, Consumer<String> warnings) {
        this.join = join;
        this.events = EventClient.join(join, warnings);
    }

    String describe() {
        return "workshop " + join.workshop() + " as " + join.learner() + " (your namespaces: " + join.prefix()
                + "-*; progress goes to " + join.server() + ")";
    }

    NamespaceMap namespaces(Lesson lesson) {
        return LearnerCluster.namespaces(join, lesson);
    }

    LessonRuntime runtime(Lesson lesson, Cluster cluster, Path kubectl) throws IOException {
        return LearnerCluster.runtime(join, lesson, cluster, kubectl);
    }

    void stepStarted(String lesson, String step) {
        events.send(Event.step(EventClient.newId(), join.learner(), lesson, step, "started", System.currentTimeMillis()));
    }

    void stepPassed(String lesson, String step) {
        events.send(Event.step(EventClient.newId(), join.learner(), lesson, step, "passed", System.currentTimeMillis()));
    }

    void checked(String lesson, String step, boolean passed) {
        events.send(Event.check(EventClient.newId(), join.learner(), lesson, step, passed, System.currentTimeMillis()));
    }

    /** A graded prediction; an ungraded one (no cluster, probe error) is not news for the room. */
    void predicted(String lesson, String step, String prediction, String answer, Integer confidence, boolean correct) {
        String a = answer.length() > 200 ? answer.substring(0, 200) : answer;
        events.send(Event.prediction(EventClient.newId(), join.learner(), lesson, step, prediction, a, confidence, correct,
                System.currentTimeMillis()));
    }

    @Override
    public void close() {
        events.close();
    }
}
