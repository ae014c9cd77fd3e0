package dev.kubelab.repl;

import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.Grader;
import dev.kubelab.check.PredictionSpec;
import dev.kubelab.check.Verdict;
import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterUnavailableException;
import dev.kubelab.kube.Kubectl;
import dev.kubelab.lesson.Block;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.Step;
import dev.kubelab.probe.ProbeException;
import dev.kubelab.session.CommandOutcome;
import dev.kubelab.session.LessonCatalog;
import dev.kubelab.session.LessonRuntime;
import dev.kubelab.session.NamespaceMap;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code kubelab demo LESSON}: an instructor walks a lesson in front of a room. Each step's prose
 * is shown; a prediction asks the room first and then reveals the live answer with its evidence;
 * solution commands are shown and run after a pause; checks are shown once the step's solution ran.
 */
final class Demo implements AutoCloseable {

    private final ReplConfig config;
    private final Console console;
    private final LineReader reader;
    private volatile Thread busy;
    private LessonRuntime runtime;

    Demo(ReplConfig config, Terminal terminal) {
        this.config = config;
        this.console = new Console(terminal, config.color(), new Transcript());
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("kubelab-demo")
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true).build();
        terminal.handle(Terminal.Signal.INT, s -> {
            Thread b = busy;
            if (b != null) {
                b.interrupt();
            }
        });
    }

    int run(String lessonId) {
        LessonCatalog catalog = LessonCatalog.load(List.of(config.lessonsDir()));
        Optional<Lesson> found = catalog.find(lessonId);
        if (found.isEmpty()) {
            console.println("No lesson '" + lessonId + "'. kubelab lessons lists them.");
            return 2;
        }
        Lesson lesson = found.get();
        Cluster cluster;
        try {
            cluster = config.clusters().open(m -> console.dim("  (" + m + ")"));
        } catch (ClusterUnavailableException e) {
            console.warn("The demo needs a cluster: " + e.getMessage());
            return 3;
        }
        Path kubectl = Kubectl.locate(config.env(), cluster.kubectl());
        if (kubectl == null) {
            console.warn("kubectl not found: set KUBELAB_KUBECTL or put kubectl on PATH");
            return 3;
        }
        try {
            runtime = new LessonRuntime(lesson, cluster, NamespaceMap.identity(lesson.namespaces()), kubectl);
        } catch (IOException e) {
            console.warn("cannot read the cluster's kubeconfig: " + e.getMessage());
            return 3;
        } catch (RuntimeException e) {
            console.warn("cannot connect to the cluster: " + Wording.rootMessage(e));
            return 3;
        }
        console.labelled("Demo: " + lesson.title(), " — " + lesson.steps().size() + " steps on " + cluster.describe());
        console.println("Setting up " + String.join(", ", runtime.namespaces().physicalAll()) + " ...");
        try {
            console.println("ready in " + Wording.seconds(runtime.setUp()) + ".");
        } catch (LessonRuntime.SetupException e) {
            console.warn("couldn't set the lesson up: " + e.getMessage());
            return 3;
        }
        StepView view = new StepView(console, runtime::render);
        for (int i = 0; i < lesson.steps().size(); i++) {
            Step step = lesson.steps().get(i);
            try {
                runtime.enterStep(step);
            } catch (LessonRuntime.SetupException e) {
                console.warn("couldn't prepare the step: " + e.getMessage());
            }
            view.heading(lesson, i, step);
            if (!walk(step, view)) {
                break;
            }
            if (i + 1 < lesson.steps().size() && pause("Enter for step " + (i + 2) + ", q to stop> ") == null) {
                break;
            }
        }
        console.println("Cleaning up the lesson's namespaces ...");
        try {
            runtime.tearDown();
        } catch (LessonRuntime.SetupException e) {
            console.warn("cleanup: " + e.getMessage());
        }
        console.println("Demo over.");
        return 0;
    }

    /** False when the presenter stopped. */
    private boolean walk(Step step, StepView view) {
        for (Block b : step.blocks()) {
            if (b instanceof Block.Prose p) {
                view.prose(p.markdown());
            } else if (b instanceof Block.Prediction p) {
                if (!predict(p.spec(), view)) {
                    return false;
                }
            } else if (b instanceof Block.Solution s) {
                for (String raw : s.commands()) {
                    String cmd = runtime.render(raw);
                    console.code("$ " + cmd);
                    String go = pause("Enter runs it, s skips, q stops> ");
                    if (go == null) {
                        return false;
                    }
                    if (!go.equalsIgnoreCase("s")) {
                        runCommand(cmd);
                    }
                }
            }
        }
        for (Block.Check c : step.blocks(Block.Check.class)) {
            CheckSpec spec = c.spec();
            VerdictView.check(console, runtime.check(spec, Duration.ofSeconds(30)), runtime.render(spec.description()));
        }
        return true;
    }

    private boolean predict(PredictionSpec p, StepView view) {
        console.labelled("Ask the room: ", runtime.render(p.question()));
        String room = pause("The room's answer (" + p.kind().prompt() + "), or Enter to reveal> ");
        if (room == null) {
            return false;
        }
        while (!room.isBlank() && Grader.invalid(p, room).isPresent()) {
            room = pause(Grader.invalid(p, room).get() + "> ");
            if (room == null) {
                return false;
            }
        }
        try {
            String answer = room.isBlank() ? runtime.truthAsAnswer(p) : room;
            Verdict v = runtime.grade(p, answer);
            if (room.isBlank()) {
                console.labelled("The cluster says: ", answer);
                VerdictView.evidence(console, v);
            } else {
                VerdictView.prediction(console, v);
            }
        } catch (ProbeException e) {
            console.warn("couldn't ask the cluster: " + e.getMessage());
        }
        console.println();
        return true;
    }

    private void runCommand(String cmd) {
        busy = Thread.currentThread();
        try {
            CommandOutcome out = runtime.runner().run(cmd, Duration.ofMinutes(5), console.stream(), console.stream());
            if (out instanceof CommandOutcome.Background bg) {
                console.println("[job " + bg.job().number() + "] running in the background");
            } else if (out instanceof CommandOutcome.Rejected r) {
                console.warn(r.reason());
            }
        } finally {
            busy = null;
            Thread.interrupted();
        }
    }

    /** Reads a line; null means stop (q, Ctrl-C, end of input). "s" means skip, returned as is. */
    private String pause(String prompt) {
        try {
            String line = reader.readLine(prompt);
            return line.strip().equalsIgnoreCase("q") ? null : line.strip();
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.close();
        }
    }
}
