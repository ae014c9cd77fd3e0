package dev.kubelab.repl;

import dev.kubelab.lesson.Block;
import dev.kubelab.lesson.Step;
import dev.kubelab.session.CommandOutcome;
import dev.kubelab.session.LessonRuntime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A lesson being set up on the cluster in the background while its first step is shown: connect, apply the
 * lesson's setup, replay the solutions of the steps before the one resumed, enter that step. Commands that need
 * the cluster wait for it ({@link #await()}).
 */
final class BackgroundSetup {

    private static final Executor THREAD = r -> {
        Thread t = new Thread(r, "lesson-setup");
        t.setDaemon(true);
        t.start();
    };

    private final Console console;
    private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);

    BackgroundSetup(Console console) {
        this.console = console;
    }

    /**
     * Starts it: {@code connect} makes the lesson's runtime (null: it could not, and said why), {@code connected}
     * receives it before its setup begins, {@code target} is the step to end on.
     */
    void start(Supplier<LessonRuntime> connect, Consumer<LessonRuntime> connected, int target) {
        running = CompletableFuture.runAsync(() -> run(connect, connected, target), THREAD);
    }

    private void run(Supplier<LessonRuntime> connect, Consumer<LessonRuntime> connected, int target) {
        LessonRuntime rt = connect.get();
        if (rt == null) {
            return;
        }
        connected.accept(rt);
        try {
            Duration took = rt.setUp();
            if (target > 0) {
                replayUpTo(rt, target);
            }
            rt.enterStep(rt.lesson().steps().get(target));
            console.println("Lesson ready in " + Wording.seconds(took) + ".");
        } catch (LessonRuntime.SetupException e) {
            console.warn("couldn't set the lesson up: " + e.getMessage());
        } catch (RuntimeException e) {
            console.warn("couldn't set the lesson up: " + e);
        }
    }

    private void replayUpTo(LessonRuntime rt, int index) {
        console.dim("(replaying the solutions of steps 1–" + index + " so the cluster matches where you were)");
        for (int i = 0; i < index; i++) {
            Step s = rt.lesson().steps().get(i);
            try {
                rt.enterStep(s);
                for (Block.Solution sol : s.blocks(Block.Solution.class)) {
                    for (String cmd : sol.commands()) {
                        CommandOutcome out = rt.runner().run(rt.render(cmd), Duration.ofSeconds(90), null, null);
                        if (out instanceof CommandOutcome.Rejected r) {
                            console.warn("replaying step " + (i + 1) + ": " + r.reason());
                        }
                    }
                }
            } catch (LessonRuntime.SetupException e) {
                console.warn("replaying step " + (i + 1) + ": " + e.getMessage());
            }
        }
    }

    /** Waits until it is done (Ctrl-C stops waiting, not the setup). False if interrupted. */
    boolean await() {
        if (running.isDone()) {
            return true;
        }
        console.dim("(waiting for the lesson's setup to finish ...)");
        try {
            running.get();
            return true;
        } catch (InterruptedException e) {
            console.dim("(setup goes on in the background)");
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    boolean running() {
        return !running.isDone();
    }
}
