package dev.kubelab.repl;

final class StatusCmd implements SlashCommand {
    public String name() {
        return "status";
    }

    public String help() {
        return "cluster, lesson, step, jobs and where progress is kept";
    }

    public void run(Repl repl, String args) {
        LessonSession s = repl.session();
        Console c = repl.console();
        c.println("  cluster:  " + (s.cluster() != null ? s.cluster().describe() : "none — " + s.clusterProblem()));
        c.println("  kubectl:  " + (s.kubectl() != null ? s.kubectl() : "not found (set KUBELAB_KUBECTL or put it on PATH)"));
        if (s.lesson() != null) {
            c.println("  lesson:   " + s.lesson().id() + " — " + s.lesson().title());
            c.println("  step:     " + (s.stepIndex() + 1) + " of " + s.lesson().steps().size() + ": " + s.step().title()
                    + " (" + s.attempts() + " command(s) tried" + (s.checks().isEmpty() ? ")" : ", " + s.checks().size() + " check(s))"));
        } else {
            c.println("  lesson:   none open (/open N)");
        }
        c.println("  jobs:     " + s.runner().jobs().list().size() + " in the background");
        c.println("  java:     JShell, " + repl.java().engine() + " engine");
        c.println("  progress: " + s.store().file() + " (" + s.progress().lessonsDone() + " of "
                + s.catalog().lessons().size() + " lessons done)");
    }
}
