package dev.kubelab.repl;

import dev.kubelab.session.JobTable;

import java.util.List;

final class JobsCmd implements SlashCommand {
    public String name() {
        return "jobs";
    }

    public String help() {
        return "background commands (port-forwards, ... &)";
    }

    public void run(Repl repl, String args) {
        List<JobTable.Job> jobs = repl.session().runner().jobs().list();
        if (jobs.isEmpty()) {
            repl.console().println("No background jobs.");
            return;
        }
        for (JobTable.Job j : jobs) {
            String last = j.output().strip();
            last = last.isEmpty() ? "" : "  — " + last.lines().reduce((a, b) -> b).orElse("");
            repl.console().println(String.format("  [%d] %-8s %s%s", j.number(), j.alive() ? "running" : "exited", j.command(), last));
        }
        repl.console().println("/kill N stops one.");
    }
}
