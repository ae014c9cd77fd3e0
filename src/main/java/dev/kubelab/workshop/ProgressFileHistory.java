package dev.kubelab.workshop;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The REPL's {@code progress.yaml} (format version 1, written by repl.ProgressStore) read as a
 * {@link Report.History}: {@code lessons.ID.steps.STEP.predictions[]} with id, answer, confidence,
 * verdict (pass|fail|error|unchecked) and at. Read here, not through the REPL's classes, because
 * those keep the lesson map private; only graded predictions (pass, fail) count.
 */
public record ProgressFileHistory(Path file) implements Report.History {

    /** Thrown with a one-line reason when the file exists but cannot be read as progress. */
    public static final class Unreadable extends RuntimeException {
        public Unreadable(String message) {
            super(message);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Report.Outcome> outcomes() {
        List<Report.Outcome> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
            if (!(doc instanceof Map<?, ?> root) || !Integer.valueOf(1).equals(root.get("version"))) {
                throw new Unreadable(file + " is not a progress file of format version 1");
            }
            Map<String, Object> lessons = (Map<String, Object>) ((Map<String, Object>) root).getOrDefault("lessons", Map.of());
            for (var le : lessons.entrySet()) {
                Map<String, Object> steps = (Map<String, Object>) ((Map<String, Object>) le.getValue()).getOrDefault("steps", Map.of());
                for (var se : steps.entrySet()) {
                    for (Object o : (List<Object>) ((Map<String, Object>) se.getValue()).getOrDefault("predictions", List.of())) {
                        Map<String, Object> p = (Map<String, Object>) o;
                        String verdict = String.valueOf(p.get("verdict"));
                        if (!verdict.equals("pass") && !verdict.equals("fail")) {
                            continue;
                        }
                        Object conf = p.get("confidence");
                        out.add(new Report.Outcome(le.getKey(), se.getKey(), String.valueOf(p.get("id")), String.valueOf(p.get("answer")),
                                conf instanceof Number n ? n.intValue() : null, verdict.equals("pass"), Instant.parse(String.valueOf(p.get("at")))));
                    }
                }
            }
            return out;
        } catch (IOException | YamlEngineException | ClassCastException | DateTimeParseException e) {
            throw new Unreadable("cannot read " + file + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
