package dev.kubelab.workshop;

import dev.kubelab.lesson.Block;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.Step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a workshop's room can show: its lessons' steps ({@code lesson/step}, in lesson order) and
 * predictions ({@code lesson/prediction} → question). The server refuses events for anything else.
 */
public record Syllabus(List<String> steps, Map<String, String> questions) {

    public static Syllabus of(WorkshopFile workshop, List<Lesson> lessons) {
        List<String> steps = new ArrayList<>();
        Map<String, String> questions = new LinkedHashMap<>();
        for (Lesson l : lessons) {
            if (!workshop.lessons().contains(l.id())) {
                continue;
            }
            for (Step s : l.steps()) {
                steps.add(l.id() + "/" + s.id());
                for (Block.Prediction p : s.blocks(Block.Prediction.class)) {
                    questions.put(l.id() + "/" + p.spec().id(), p.spec().question());
                }
            }
        }
        return new Syllabus(List.copyOf(steps), Map.copyOf(questions));
    }
}
