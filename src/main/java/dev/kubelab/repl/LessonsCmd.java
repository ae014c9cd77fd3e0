package dev.kubelab.repl;

import dev.kubelab.lesson.Lesson;

final class LessonsCmd implements SlashCommand {
    public String name() {
        return "lessons";
    }

    public String help() {
        return "the lessons, with your progress";
    }

    public void run(Repl repl, String args) {
        list(repl.console(), repl.session());
        repl.console().println("/open N or /open ID to start one.");
    }

    static void list(Console c, LessonSession s) {
        int n = 1;
        if (s.catalog().lessons().isEmpty()) {
            c.println("  (no lessons found)");
        }
        for (Lesson l : s.catalog().lessons()) {
            Progress.LessonProgress lp = s.progress().lessonOrNull(l.id());
            boolean current = s.lesson() != null ? s.lesson().id().equals(l.id()) : l.id().equals(s.progress().currentLesson());
            String mark = lp != null && lp.done() ? "✔" : current ? "▸" : " ";
            String where = "";
            if (lp != null && !lp.done() && lp.step() != null) {
                int idx = l.stepIndex(lp.step());
                if (idx >= 0) {
                    where = "   step " + (idx + 1) + " of " + l.steps().size();
                }
            }
            c.println(String.format("  %2d %s %-50s %3d min%s", n++, mark, l.title(), l.minutes(), where));
        }
        if (!s.catalog().problems().isEmpty()) {
            c.warn(s.catalog().problems().size() + " lesson problem(s) hide some lessons; run: kubelab lint");
        }
    }
}
