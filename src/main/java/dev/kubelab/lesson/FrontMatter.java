package dev.kubelab.lesson;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A lesson's front matter (already parsed YAML) checked key by key and turned into a {@link Lesson}. */
final class FrontMatter {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private FrontMatter() {
    }

    /** The lesson, or null when the front matter has problems (each added with its line). */
    static Lesson lesson(Path file, Map<String, Object> f, String title, List<Block> intro, List<Step> steps,
                                 List<Problem> problems) {
        int before = problems.size();
        Set<String> known = Set.of("id", "title", "summary", "minutes", "namespaces", "requires", "images", "clusterScoped",
                "level", "requiresLessons");
        for (String k : f.keySet()) {
            if (!known.contains(k)) {
                problems.add(new Problem(file, 2, "front matter: unknown key '" + k + "' (allowed: "
                        + String.join(", ", known.stream().sorted().toList()) + ")"));
            }
        }
        String id = f.get("id") == null ? null : String.valueOf(f.get("id"));
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(new Problem(file, 2, "front matter: id must be lower-case letters, digits and dashes (got " + id + ")"));
        }
        String t = f.get("title") != null ? String.valueOf(f.get("title")) : title;
        if (t == null || t.isBlank()) {
            problems.add(new Problem(file, 2, "front matter: missing title"));
        }
        int minutes = 0;
        if (!(f.get("minutes") instanceof Integer mi) || mi <= 0) {
            problems.add(new Problem(file, 2, "front matter: minutes must be a positive whole number (got " + f.get("minutes") + ")"));
        } else {
            minutes = mi;
        }
        List<String> namespaces = listOf(file, f, "namespaces", problems);
        for (String ns : namespaces) {
            if (!ns.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || ns.length() > 40) {
                problems.add(new Problem(file, 2, "front matter: '" + ns + "' is not a valid namespace name"));
            }
        }
        List<String> requires = listOf(file, f, "requires", problems);
        for (String r : requires) {
            if (!Set.of("networkpolicy").contains(r)) {
                problems.add(new Problem(file, 2, "front matter: unknown feature '" + r + "' in requires (known: networkpolicy)"));
            }
        }
        List<String> images = listOf(file, f, "images", problems);
        Object cs = f.getOrDefault("clusterScoped", false);
        if (!(cs instanceof Boolean)) {
            problems.add(new Problem(file, 2, "front matter: clusterScoped must be true or false"));
        }
        Lesson.Level level = Lesson.Level.BEGINNER;
        if (f.get("level") != null) {
            try {
                level = Lesson.Level.valueOf(String.valueOf(f.get("level")).toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(file, 2, "front matter: level must be beginner, intermediate or advanced (got "
                        + f.get("level") + ")"));
            }
        }
        List<String> after = listOf(file, f, "requiresLessons", problems);
        if (id != null && after.contains(id)) {
            problems.add(new Problem(file, 2, "front matter: requiresLessons names the lesson itself"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new Lesson(file, id, t, f.get("summary") == null ? "" : String.valueOf(f.get("summary")), minutes,
                namespaces, new LinkedHashSet<>(requires), images, Boolean.TRUE.equals(cs), intro, steps, level, after);
    }

    private static List<String> listOf(Path file, Map<String, Object> f, String key, List<Problem> problems) {
        Object v = f.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            problems.add(new Problem(file, 2, "front matter: " + key + " must be a list, e.g. [a, b]"));
            return List.of();
        }
        return l.stream().map(String::valueOf).toList();
    }
}
