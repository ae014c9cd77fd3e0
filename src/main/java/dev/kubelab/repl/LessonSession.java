package dev.kubelab.repl;

import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.PredictionSpec;
import dev.kubelab.check.Template;
import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterUnavailableException;
import dev.kubelab.kube.Kubectl;
import dev.kubelab.lesson.Block;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.Step;
import dev.kubelab.repl.snippet.Lab;
import dev.kubelab.session.CommandRunner;
import dev.kubelab.session.JobTable;
import dev.kubelab.session.LessonCatalog;
import dev.kubelab.session.LessonRuntime;
import dev.kubelab.session.NamespaceMap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The learner's place: which lesson and step, the lesson's runtime on the cluster (null without
 * one), how far the step has been shown, hints given, and the progress record behind it all.
 */
final class LessonSession implements AutoCloseable {

    private final ReplConfig config;
    private final Console console;
    private final LessonCatalog catalog;
    private final ProgressStore store;
    private final Progress progress;
    private final JavaCells java;
    /** Joined to a workshop: lessons run in the learner's slice and events go to the instructor; else null. */
    private final WorkshopLink workshop;
    private final BackgroundSetup setup;

    private Cluster cluster;
    private String clusterProblem = "no cluster connected yet";
    private Path kubectl;
    private CommandRunner fallbackRunner;

    private Lesson lesson;
    private int stepIndex;
    private volatile LessonRuntime runtime;
    private StepView view;
    private int shownUpTo;
    private PredictionSpec pending;
    private int hintsShown;
    private boolean solutionAsked;
    /** The step's checks and what a verdict leads to (step passed, lesson finished, /why's connection). */
    private final StepGrading grading;

    LessonSession(ReplConfig config, Console console, LessonCatalog catalog, ProgressStore store, Progress progress,
                  JavaCells java) {
        this.config = config;
        this.console = console;
        this.catalog = catalog;
        this.store = store;
        this.progress = progress;
        this.java = java;
        this.view = new StepView(console, this::render);
        this.setup = new BackgroundSetup(console);
        this.workshop = config.workshop() == null ? null : new WorkshopLink(config.workshop(), console::warn);
        this.grading = new StepGrading(this, console);
    }

    StepGrading grading() {
        return grading;
    }

    /** The joined workshop, or null. */
    WorkshopLink workshop() {
        return workshop;
    }

    // ---- cluster ------------------------------------------------------------------------------

    /** Tries to open the cluster; afterwards either {@link #cluster()} or {@link #clusterProblem()} is set. */
    boolean connect() {
        if (fallbackRunner != null) {
            fallbackRunner.jobs().killAll();
            fallbackRunner = null;
        }
        try {
            cluster = config.clusters().open(m -> console.dim("  (" + m + ")"));
            kubectl = Kubectl.locate(config.env(), cluster.kubectl());
            clusterProblem = null;
            return true;
        } catch (ClusterUnavailableException e) {
            cluster = null;
            clusterProblem = e.getMessage();
            kubectl = Kubectl.locate(config.env(), null);
            return false;
        }
    }

    Cluster cluster() {
        return cluster;
    }

    String clusterProblem() {
        return clusterProblem;
    }

    Path kubectl() {
        return kubectl;
    }

    LessonCatalog catalog() {
        return catalog;
    }

    Progress progress() {
        return progress;
    }

    ProgressStore store() {
        return store;
    }

    /** Runs learner commands: the lesson's runner, else one without a cluster (kubeconfig /dev/null). */
    CommandRunner runner() {
        if (runtime != null) {
            return runtime.runner();
        }
        if (fallbackRunner == null) {
            Path kubeconfig = cluster != null ? cluster.kubeconfig() : Path.of("/dev/null");
            fallbackRunner = new CommandRunner(new Kubectl(kubectl, kubeconfig), new JobTable());
        }
        return fallbackRunner;
    }

    // ---- lesson and step ----------------------------------------------------------------------

    Lesson lesson() {
        return lesson;
    }

    Step step() {
        return lesson == null ? null : lesson.steps().get(stepIndex);
    }

    int stepIndex() {
        return stepIndex;
    }

    LessonRuntime runtime() {
        return runtime;
    }

    PredictionSpec pending() {
        return pending;
    }

    String render(String text) {
        if (runtime != null) {
            return runtime.render(text);
        }
        return Template.render(text, key -> key.startsWith("ns:") ? key.substring(3)
                : key.equals(LessonRuntime.DOMAIN_KEY) ? dev.kubelab.session.ClusterDomain.DEFAULT : null);
    }

    StepView view() {
        return view;
    }

    /**
     * Opens a lesson at a step. Setting it up on the cluster (and replaying earlier steps'
     * solutions) runs in the background while the step is shown; commands wait for it.
     */
    void open(Lesson l, int index, boolean resuming) {
        awaitReady();
        closeRuntime();
        lesson = l;
        stepIndex = Math.max(0, Math.min(index, l.steps().size() - 1));
        console.println();
        console.transcript().heading(l.title());
        if (resuming) {
            console.labelled("Resuming \"" + l.title() + "\"", ", step " + (stepIndex + 1) + ": " + step().title() + ".");
        } else {
            console.labelled(l.title(), l.summary().isBlank() ? "" : " — " + l.summary().strip());
        }
        Lab.use(() -> runtime == null ? null : runtime.client(),
                cluster == null ? "no cluster is running (see /status)" : "the lesson is not connected to the cluster (see above)");
        if (cluster == null) {
            console.dim("(no cluster: you can read and predict; commands and checks need the cluster)");
        } else if (kubectl == null) {
            console.warn("kubectl not found: set KUBELAB_KUBECTL, put kubectl on PATH, or start the local cluster (it builds one)");
        } else {
            String what = l.namespaces().isEmpty() ? "the lesson" : "namespace" + (l.namespaces().size() > 1 ? "s " : " ")
                    + String.join(", ", l.namespaces());
            console.println("Setting up " + what + " in the background ...");
            setup.start(() -> createRuntime(l), rt -> {
                runtime = rt;
                java.refreshClient();
            }, stepIndex);
        }
        showStep(stepIndex);
    }

    /** Waits for the background setup (Ctrl-C stops waiting, not the setup). False if interrupted. */
    boolean awaitReady() {
        return setup.await();
    }

    boolean settingUp() {
        return setup.running();
    }

    private LessonRuntime createRuntime(Lesson l) {
        LessonRuntime rt;
        try {
            rt = workshop != null ? workshop.runtime(l, cluster, kubectl)
                    : new LessonRuntime(l, cluster, NamespaceMap.identity(l.namespaces()), kubectl);
        } catch (IOException e) {
            console.warn("cannot read the cluster's kubeconfig: " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            console.warn("cannot connect to the cluster (" + cluster.describe() + "): " + Wording.rootMessage(e));
            return null;
        }
        String refusal = rt.refusal();
        if (refusal != null) {
            console.warn(refusal);
            rt.close();
            return null;
        }
        return rt;
    }

    /** Moves to step {@code index}: applies its setup on the cluster, then shows it. */
    void enterStep(int index) {
        // wait for a setup still in the background first: its runtime may not exist yet, and a step entered
        // without one has no setup applied and nothing remembered (its ${...} values unbound)
        if (awaitReady() && runtime != null) {
            try {
                runtime.enterStep(lesson.steps().get(index));
            } catch (LessonRuntime.SetupException e) {
                console.warn("couldn't prepare this step: " + e.getMessage());
            }
        }
        showStep(index);
    }

    private void showStep(int index) {
        stepIndex = index;
        shownUpTo = 0;
        pending = null;
        hintsShown = 0;
        solutionAsked = false;
        grading.stepStarted();
        progress.moveTo(lesson.id(), step().id());
        save();
        if (workshop != null) {
            workshop.stepStarted(lesson.id(), step().id());
        }
        view.heading(lesson, stepIndex, step());
        continueStep();
    }

    /** Shows the step from where it stopped until the next prediction (which becomes pending). */
    void continueStep() {
        Step s = step();
        int next = view.showFrom(s, shownUpTo);
        if (next <= s.blocks().size() && next > 0 && s.blocks().get(next - 1) instanceof Block.Prediction p) {
            pending = p.spec();
        } else {
            pending = null;
        }
        shownUpTo = next;
        if (pending == null) {
            afterStepShown();
        }
    }

    private void afterStepShown() {
        if (step().blocks(Block.Check.class).isEmpty()) {
            console.dim(stepIndex + 1 < lesson.steps().size() ? "  /next when you are ready for step " + (stepIndex + 2)
                    : "  That is the last step. /lessons to pick another lesson.");
        }
    }

    /** The prediction was answered (or skipped): show the rest of the step. */
    void predictionDone() {
        pending = null;
        continueStep();
    }

    /** Re-shows the current step from its start (answered predictions are asked again). */
    void reshow() {
        shownUpTo = 0;
        view.heading(lesson, stepIndex, step());
        continueStep();
    }

    int nextHint() {
        return hintsShown++;
    }

    boolean solutionAsked() {
        return solutionAsked;
    }

    void solutionAsked(boolean asked) {
        solutionAsked = asked;
    }

    int attempts() {
        return lesson == null ? 0 : progress.lesson(lesson.id()).step(step().id()).attempts();
    }

    // ---- checks -------------------------------------------------------------------------------

    List<CheckSpec> checks() {
        return step() == null ? List.of() : step().blocks(Block.Check.class).stream().map(Block.Check::spec).toList();
    }

    // ---- reset and close ----------------------------------------------------------------------

    void resetLesson() {
        if (lesson != null) {
            open(lesson, 0, false);
        }
    }

    void resetStep() {
        if (lesson != null) {
            open(lesson, stepIndex, true);
        }
    }

    void save() {
        try {
            store.save(progress);
        } catch (IOException e) {
            console.warn("couldn't save progress to " + store.file() + ": " + e.getMessage());
        }
    }

    private void closeRuntime() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    @Override
    public void close() {
        closeRuntime();
        if (workshop != null) {
            workshop.close();
        }
        if (fallbackRunner != null) {
            fallbackRunner.jobs().killAll();
        }
    }
}
