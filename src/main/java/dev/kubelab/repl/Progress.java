package dev.kubelab.repl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a learner has done: where they are, and per lesson and step the status, attempts and
 * predictions. Mutated on the REPL thread only; {@link ProgressStore} writes it.
 */
public final class Progress {

    public enum Status { STARTED, PASSED }

    /** One answered prediction; {@code verdict} is pass, fail, error or unchecked. */
    public record PredictionRecord(String id, String answer, Integer confidence, String verdict, Instant at) {
    }

    public static final class StepProgress {
        Status status = Status.STARTED;
        int attempts;
        final List<PredictionRecord> predictions = new ArrayList<>();

        public Status status() {
            return status;
        }

        public int attempts() {
            return attempts;
        }

        public List<PredictionRecord> predictions() {
            return List.copyOf(predictions);
        }
    }

    public static final class LessonProgress {
        String step;
        boolean done;
        final Map<String, StepProgress> steps = new LinkedHashMap<>();

        public String step() {
            return step;
        }

        public boolean done() {
            return done;
        }

        public Map<String, StepProgress> steps() {
            return steps;
        }

        public StepProgress step(String id) {
            return steps.computeIfAbsent(id, k -> new StepProgress());
        }
    }

    String currentLesson;
    final Map<String, LessonProgress> lessons = new LinkedHashMap<>();

    public String currentLesson() {
        return currentLesson;
    }

    public LessonProgress lesson(String id) {
        return lessons.computeIfAbsent(id, k -> new LessonProgress());
    }

    public LessonProgress lessonOrNull(String id) {
        return lessons.get(id);
    }

    public void moveTo(String lesson, String step) {
        currentLesson = lesson;
        LessonProgress lp = lesson(lesson);
        lp.step = step;
        lp.step(step);
    }

    public void attempt(String lesson, String step) {
        lesson(lesson).step(step).attempts++;
    }

    public void passed(String lesson, String step, boolean lastStep) {
        LessonProgress lp = lesson(lesson);
        lp.step(step).status = Status.PASSED;
        if (lastStep) {
            lp.done = true;
        }
    }

    public void predicted(String lesson, String step, PredictionRecord r) {
        lesson(lesson).step(step).predictions.add(r);
    }

    /**
     * Two sessions' progress as one (two REPLs on the same file): every lesson and step of either;
     * a step passed in either is passed, a lesson done in either is done; attempts the larger;
     * predictions all of both (one record per prediction id and time). Where the learner is comes
     * from {@code mine}, the session saving now.
     */
    static Progress merged(Progress disk, Progress mine) {
        Progress out = new Progress();
        out.currentLesson = mine.currentLesson != null ? mine.currentLesson : disk.currentLesson;
        java.util.Set<String> ids = new java.util.LinkedHashSet<>(disk.lessons.keySet());
        ids.addAll(mine.lessons.keySet());
        for (String id : ids) {
            LessonProgress d = disk.lessons.getOrDefault(id, new LessonProgress());
            LessonProgress m = mine.lessons.getOrDefault(id, new LessonProgress());
            LessonProgress o = out.lesson(id);
            o.step = m.step != null ? m.step : d.step;
            o.done = d.done || m.done;
            java.util.Set<String> stepIds = new java.util.LinkedHashSet<>(d.steps.keySet());
            stepIds.addAll(m.steps.keySet());
            for (String sid : stepIds) {
                StepProgress ds = d.steps.getOrDefault(sid, new StepProgress());
                StepProgress ms = m.steps.getOrDefault(sid, new StepProgress());
                StepProgress os = o.step(sid);
                os.status = ds.status == Status.PASSED || ms.status == Status.PASSED ? Status.PASSED : Status.STARTED;
                os.attempts = Math.max(ds.attempts, ms.attempts);
                Map<String, PredictionRecord> byKey = new LinkedHashMap<>();
                java.util.stream.Stream.concat(ds.predictions.stream(), ms.predictions.stream())
                        .forEach(r -> byKey.putIfAbsent(r.id() + "@" + r.at(), r));
                byKey.values().stream().sorted(java.util.Comparator.comparing(PredictionRecord::at)).forEach(os.predictions::add);
            }
        }
        return out;
    }

    public long lessonsDone() {
        return lessons.values().stream().filter(l -> l.done).count();
    }
}
