package dev.kubelab.repl;

final class SkipCmd implements SlashCommand {
    public String name() {
        return "skip";
    }

    public String help() {
        return "skip the prediction being asked";
    }

    public void run(Repl repl, String args) {
        if (!repl.flow().active()) {
            repl.console().println("No prediction is being asked.");
            return;
        }
        repl.flow().skip();
    }
}
