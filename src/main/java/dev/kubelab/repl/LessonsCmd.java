package dev.kubelab.repl;

import dev.kubelab.lesson.Lesson;

final class LessonsCmd implements SlashCommand {

    /** Ids of the lessons this learner has finished. */
    static java.util.Set<String> done(LessonSession s) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Lesson l : s.catalog().lessons()) {
            Progress.LessonProgress lp = s.progress().lessonOrNull(l.id());
            if (lp != null && lp.done()) {
                out.add(l.id());
            }
        }
        return out;
    }

    /** "Pod IPs (1), Cluster DNS (3)": lessons as /open takes them. */
    static String numbered(LessonSession s, java.util.List<Lesson> lessons) {
        return String.join(", ", lessons.stream().map(l -> l.title() + " (" + s.catalog().number(l) + ")").toList());
    }
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
            c.println(String.format("  %2d %s %-50s %-12s %3d min%s", n++, mark, l.title(), l.level().label(), l.minutes(), where));
        }
        Lesson next = s.catalog().next(done(s));
        String current = s.lesson() != null ? s.lesson().id() : s.progress().currentLesson();
        if (next != null && !next.id().equals(current)) {
            c.println("Suggested next: /open " + s.catalog().number(next) + " (" + next.title() + ")");
        }
        if (!s.catalog().problems().isEmpty()) {
            c.warn(s.catalog().problems().size() + " lesson problem(s) hide some lessons; run: kubelab lint");
        }
    }
}
