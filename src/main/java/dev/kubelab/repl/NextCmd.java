package dev.kubelab.repl;

final class NextCmd implements SlashCommand {
    public String name() {
        return "next";
    }

    public String help() {
        return "go to the next step";
    }

    public void run(Repl repl, String args) {
        LessonSession s = repl.session();
        if (!repl.requireLesson()) {
            return;
        }
        if (s.stepIndex() + 1 >= s.lesson().steps().size()) {
            s.grading().leavingStep();
            repl.console().println("That was the last step of \"" + s.lesson().title() + "\". /lessons to pick the next lesson.");
            return;
        }
        s.grading().leavingStep();
        repl.flow().reset();
        s.enterStep(s.stepIndex() + 1);
    }
}
