package dev.kubelab.repl;

final class PrevCmd implements SlashCommand {
    public String name() {
        return "prev";
    }

    public String help() {
        return "go back a step";
    }

    public void run(Repl repl, String args) {
        LessonSession s = repl.session();
        if (!repl.requireLesson()) {
            return;
        }
        if (s.stepIndex() == 0) {
            repl.console().println("This is the first step.");
            return;
        }
        repl.flow().reset();
        s.enterStep(s.stepIndex() - 1);
    }
}
