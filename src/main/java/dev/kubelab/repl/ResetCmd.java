package dev.kubelab.repl;

final class ResetCmd implements SlashCommand {
    public String name() {
        return "reset";
    }

    public String args() {
        return "[step|lesson]";
    }

    public String help() {
        return "set the lesson up again: at this step (default) or from the start";
    }

    public void run(Repl repl, String args) {
        if (!repl.requireLesson()) {
            return;
        }
        repl.flow().reset();
        switch (args.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "", "step" -> repl.session().resetStep();
            case "lesson" -> repl.session().resetLesson();
            default -> repl.console().println("/reset step or /reset lesson");
        }
    }
}
