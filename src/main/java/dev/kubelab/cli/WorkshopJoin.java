package dev.kubelab.cli;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.kube.Kubectl;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.Step;
import dev.kubelab.session.LessonRuntime;
import dev.kubelab.session.NamespaceMap;
import dev.kubelab.session.VerifyReport;
import dev.kubelab.workshop.Event;
import dev.kubelab.workshop.EventClient;
import dev.kubelab.workshop.JoinFile;
import dev.kubelab.workshop.LearnerCluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code kubelab --workshop FILE ...}: the learner's slice, their credentials, and events sent to the instructor. */
final class WorkshopJoin implements AutoCloseable {

    private final JoinFile join;
    private final LearnerCluster cluster;
    private final EventClient events;

    private WorkshopJoin(JoinFile join, PrintWriter err) {
        this.join = join;
        this.cluster = learnerCluster(join);
        this.events = EventClient.join(join, line -> {
            synchronized (err) {
                err.println("kubelab: " + line);
                err.flush();
            }
        });
    }

    /** The joined workshop, or null when {@code file} is null. */
    static WorkshopJoin open(Path file, PrintWriter err) {
        if (file == null) {
            return null;
        }
        return new WorkshopJoin(readJoinFile(file), err);
    }

    /** The learner's join file, or a one-line error. */
    static JoinFile readJoinFile(Path file) {
        try {
            return JoinFile.read(file);
        } catch (IOException e) {
            throw new UserError(ExitCode.INVALID, "cannot join the workshop: " + e.getMessage());
        }
    }

    /** The shared cluster as the learner's ServiceAccount reaches it. */
    static LearnerCluster learnerCluster(JoinFile join) {
        return new LearnerCluster(join, Kubectl.locate(System.getenv(), null));
    }

    Cluster cluster() {
        return cluster;
    }

    NamespaceMap namespaces(Lesson lesson) {
        return LearnerCluster.namespaces(join, lesson);
    }

    /** A runtime in the learner's pre-provisioned namespaces. */
    LessonRuntime runtime(Lesson lesson, Path kubectl) throws IOException {
        return LearnerCluster.runtime(join, lesson, cluster, kubectl);
    }

    /** Tells the instructor's view how a verified lesson went, step by step. */
    void report(Lesson lesson, VerifyReport r) {
        long now = System.currentTimeMillis();
        for (Step s : lesson.steps()) {
            events.send(Event.step(EventClient.newId(), join.learner(), lesson.id(), s.id(), "started", now));
            if (r.passed()) {
                events.send(Event.step(EventClient.newId(), join.learner(), lesson.id(), s.id(), "passed", now));
            }
        }
    }

    @Override
    public void close() {
        events.close();
    }
}
