package dev.kubelab.repl;

final class HintCmd implements SlashCommand {
    public String name() {
        return "hint";
    }

    public String help() {
        return "the next hint for this step";
    }

    public void run(Repl repl, String args) {
        if (repl.requireLesson()) {
            repl.session().view().hint(repl.session().step(), repl.session().nextHint());
        }
    }
}
