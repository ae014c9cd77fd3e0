package dev.kubelab.repl;

import java.time.Duration;

final class CheckCmd implements SlashCommand {
    public String name() {
        return "check";
    }

    public String help() {
        return "run this step's checks and show the evidence";
    }

    public void run(Repl repl, String args) {
        if (!repl.requireLesson()) {
            return;
        }
        if (repl.session().checks().isEmpty()) {
            repl.console().println("This step has no checks" + (repl.session().pending() != null ? "; answer the prediction first." : "."));
            return;
        }
        repl.session().grading().checkAll(Duration.ofSeconds(2));
    }
}
