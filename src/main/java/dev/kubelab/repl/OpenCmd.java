package dev.kubelab.repl;

import dev.kubelab.lesson.Lesson;

import java.util.Optional;

final class OpenCmd implements SlashCommand {
    public String name() {
        return "open";
    }

    public String args() {
        return "N|ID";
    }

    public String help() {
        return "open a lesson (resumes at your step)";
    }

    public void run(Repl repl, String args) {
        if (args.isBlank()) {
            repl.console().println("Which lesson? /open N or /open ID (see /lessons)");
            return;
        }
        Optional<Lesson> l = repl.session().catalog().find(args.strip());
        if (l.isEmpty()) {
            repl.console().println("No lesson '" + args.strip() + "'. /lessons lists them.");
            return;
        }
        Lesson lesson = l.get();
        Progress.LessonProgress lp = repl.session().progress().lessonOrNull(lesson.id());
        int step = lp == null || lp.step() == null || lp.done() ? 0 : Math.max(0, lesson.stepIndex(lp.step()));
        java.util.List<Lesson> missing = repl.session().catalog().missingBefore(lesson, LessonsCmd.done(repl.session()));
        if (!missing.isEmpty()) {
            // advice, not a lock: a learner who knows the basics may start anywhere
            repl.console().println("This lesson builds on " + LessonsCmd.numbered(repl.session(), missing)
                    + ", not finished yet: go on, or /open that first.");
        }
        repl.flow().reset();
        repl.session().open(lesson, step, step > 0);
    }
}
