package dev.kubelab.repl;

final class QuitCmd implements SlashCommand {
    public String name() {
        return "quit";
    }

    public String help() {
        return "save and leave (Ctrl-D does the same)";
    }

    public void run(Repl repl, String args) {
        repl.quit();
    }
}
