package dev.kubelab.lesson;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A parsed lesson. {@code namespaces} are logical names the lesson owns; {@code requires} names
 * cluster features (e.g. {@code networkpolicy}: enforcement proven by a self-test);
 * {@code clusterScoped} marks lessons that create cluster-wide objects (refused on shared clusters);
 * {@code requiresLessons} are the ids of the lessons it builds on (advice for the learner, not a lock).
 */
public record Lesson(Path source, String id, String title, String summary, int minutes, List<String> namespaces,
                     Set<String> requires, List<String> images, boolean clusterScoped, List<Block> intro,
                     List<Step> steps, Level level, List<String> requiresLessons) {

    /** How much a learner should know before the lesson. */
    public enum Level {
        BEGINNER, INTERMEDIATE, ADVANCED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Lesson {
        namespaces = List.copyOf(namespaces);
        requires = Set.copyOf(requires);
        images = List.copyOf(images);
        intro = List.copyOf(intro);
        steps = List.copyOf(steps);
        level = level == null ? Level.BEGINNER : level;
        requiresLessons = requiresLessons == null ? List.of() : List.copyOf(requiresLessons);
    }

    public Lesson(Path source, String id, String title, String summary, int minutes, List<String> namespaces,
                  Set<String> requires, List<String> images, boolean clusterScoped, List<Block> intro, List<Step> steps) {
        this(source, id, title, summary, minutes, namespaces, requires, images, clusterScoped, intro, steps, null, null);
    }

    /** Setup manifests of the lesson itself (before the first step). */
    public List<Block.Setup> setup() {
        return intro.stream().filter(Block.Setup.class::isInstance).map(Block.Setup.class::cast).toList();
    }

    public List<Block.Cleanup> cleanup() {
        return java.util.stream.Stream.concat(intro.stream(), steps.stream().flatMap(s -> s.blocks().stream()))
                .filter(Block.Cleanup.class::isInstance).map(Block.Cleanup.class::cast).toList();
    }

    public int stepIndex(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }
}
