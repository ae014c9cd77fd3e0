package dev.kubelab.lesson;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * YAML of a lesson's blocks and front matter, with problems reported at the lesson file's line. Not thread-safe
 * (a snakeyaml {@link Load} is not): one per parser.
 */
final class BlockYaml {

    /** Immutable, so shared. */
    private static final LoadSettings SETTINGS = LoadSettings.builder().build();

    private final Load yaml = new Load(SETTINGS);

    /** One YAML document, or null (with a problem added) when it does not parse. */
    Object load(Path file, String body, int line, List<Problem> problems) {
        try {
            return yaml.loadFromString(body);
        } catch (YamlEngineException e) {
            problems.add(invalid(file, line, e, body));
        }
        return null;
    }

    /** The Kubernetes objects of a setup block (parsed once: the linter's inventory reads them too). */
    List<Map<String, Object>> objects(Path file, String body, int line, List<Problem> problems) {
        List<Map<String, Object>> objects = new ArrayList<>();
        try {
            for (Object doc : yaml.loadAllFromString(body)) {
                if (doc == null) {
                    continue;
                }
                if (doc instanceof Map<?, ?> m && m.containsKey("kind") && m.containsKey("apiVersion")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> object = (Map<String, Object>) m;
                    objects.add(object);
                } else {
                    problems.add(new Problem(file, line, "setup: every document must be a Kubernetes object with apiVersion and kind"));
                }
            }
        } catch (YamlEngineException e) {
            problems.add(invalid(file, line, e, null));
        }
        return objects;
    }

    /**
     * A YAML error at the lesson file's line (the block's line plus the error's line in the block, when known);
     * with {@code adviseOn}, the block's text, a hint for quoting {@code ${...}} when that is the likely cause.
     */
    private static Problem invalid(Path file, int line, YamlEngineException e, String adviseOn) {
        if (e instanceof MarkedYamlEngineException m) {
            int at = m.getProblemMark().map(mk -> mk.getLine() + 1).orElse(0);
            String advice = adviseOn == null ? "" : quoteAdvice(adviseOn, at);
            return new Problem(file, line + at, "invalid YAML: " + m.getProblem() + advice);
        }
        return new Problem(file, line, "invalid YAML: " + e.getMessage());
    }

    /** The commonest author mistake: ${...} unquoted inside a { } flow mapping. */
    private static String quoteAdvice(String body, int lineInBody) {
        String[] lines = body.split("\n");
        if (lineInBody >= 1 && lineInBody <= lines.length && lines[lineInBody - 1].contains("${")) {
            return " (quote values that contain ${...}, e.g. name: 'garage.${ns:garage}')";
        }
        return "";
    }
}
