package dev.kubelab.repl;

final class KillCmd implements SlashCommand {
    public String name() {
        return "kill";
    }

    public String args() {
        return "N";
    }

    public String help() {
        return "stop background job N";
    }

    public void run(Repl repl, String args) {
        String a = args.strip().replaceFirst("^%", "");
        if (!a.matches("\\d+")) {
            repl.console().println("Which job? /kill N (see /jobs)");
            return;
        }
        if (repl.session().runner().jobs().kill(Integer.parseInt(a))) {
            repl.console().println("[job " + a + "] stopped.");
        } else {
            repl.console().println("No job " + a + ". /jobs lists them.");
        }
    }
}
