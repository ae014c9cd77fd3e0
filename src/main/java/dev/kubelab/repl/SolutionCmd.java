package dev.kubelab.repl;

final class SolutionCmd implements SlashCommand {
    public String name() {
        return "solution";
    }

    public String help() {
        return "show the solution (after you have tried, or asked twice)";
    }

    public void run(Repl repl, String args) {
        LessonSession s = repl.session();
        if (!repl.requireLesson()) {
            return;
        }
        if (s.attempts() == 0 && !s.solutionAsked() && !args.equalsIgnoreCase("show")) {
            s.solutionAsked(true);
            repl.console().println("  Try it yourself first: a command that fails teaches more than one you copy. "
                    + "/hint helps; /solution again shows it.");
            return;
        }
        s.view().solution(s.step());
    }
}
