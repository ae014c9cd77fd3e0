package dev.kubelab.repl;

final class StepCmd implements SlashCommand {
    public String name() {
        return "step";
    }

    public String help() {
        return "show the current step again";
    }

    public void run(Repl repl, String args) {
        if (repl.requireLesson()) {
            repl.flow().reset();
            repl.session().reshow();
        }
    }
}
