package dev.kubelab.workshop;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One thing a learner did, as their kubelab reports it to {@code workshop serve}: entered a step,
 * a check failed or passed, a step passed, or a prediction was graded. {@code id} is chosen by the
 * sender so a retried post is stored once; {@code at} is the sender's clock in epoch milliseconds.
 *
 * @param type       {@code step} (status started|passed), {@code check} (status passed|failed) or
 *                   {@code prediction} (prediction id, answer, confidence 1–5 or null, correct)
 */
public record Event(String id, String learner, String lesson, String step, String type, String status, String prediction,
                    String answer, Integer confidence, Boolean correct, long at) {

    public static final Set<String> TYPES = Set.of("step", "check", "prediction");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,80}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    static final ObjectMapper JSON = new ObjectMapper();

    public static Event step(String id, String learner, String lesson, String step, String status, long at) {
        return new Event(id, learner, lesson, step, "step", status, null, null, null, null, at);
    }

    public static Event check(String id, String learner, String lesson, String step, boolean passed, long at) {
        return new Event(id, learner, lesson, step, "check", passed ? "passed" : "failed", null, null, null, null, at);
    }

    public static Event prediction(String id, String learner, String lesson, String step, String prediction, String answer,
                                   Integer confidence, boolean correct, long at) {
        return new Event(id, learner, lesson, step, "prediction", null, prediction, answer, confidence, correct, at);
    }

    /** A malformed post: the message is one line for the sender. */
    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message);
        }
    }

    /** Parses a post body (one event object or an array of them) sent by {@code learner}. */
    public static List<Event> parseAll(String body, String learner) throws Malformed {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Malformed("malformed event: not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
        List<Event> out = new ArrayList<>();
        if (root != null && root.isArray()) {
            if (root.size() > 500) {
                throw new Malformed("malformed event: at most 500 events per post");
            }
            for (JsonNode n : root) {
                out.add(parse(n, learner));
            }
        } else {
            out.add(parse(root, learner));
        }
        return out;
    }

    static Event parse(JsonNode n, String learner) throws Malformed {
        if (n == null || !n.isObject()) {
            throw new Malformed("malformed event: expected a JSON object");
        }
        String claimed = text(n, "learner", false, null);
        if (claimed != null && !claimed.equals(learner)) {
            throw new Malformed("event for learner '" + claimed + "' refused: this token belongs to '" + learner + "'");
        }
        String type = text(n, "type", true, null);
        if (!TYPES.contains(type)) {
            throw new Malformed("malformed event: 'type' must be step, check or prediction, not '" + type + "'");
        }
        String id = text(n, "id", true, ID);
        String lesson = text(n, "lesson", true, NAME);
        String step = text(n, "step", true, ID);
        JsonNode at = n.get("at");
        if (at == null || !at.canConvertToLong() || !at.isIntegralNumber() || at.asLong() <= 0) {
            throw new Malformed("malformed event: 'at' must be epoch milliseconds");
        }
        String status = null;
        String prediction = null;
        String answer = null;
        Integer confidence = null;
        Boolean correct = null;
        if (type.equals("prediction")) {
            prediction = text(n, "prediction", true, ID);
            answer = text(n, "answer", true, null);
            if (answer.length() > 200) {
                throw new Malformed("malformed event: 'answer' longer than 200 characters");
            }
            JsonNode c = n.get("confidence");
            if (c != null && !c.isNull()) {
                if (!c.isInt() || c.asInt() < 1 || c.asInt() > 5) {
                    throw new Malformed("malformed event: 'confidence' must be 1 to 5");
                }
                confidence = c.asInt();
            }
            JsonNode ok = n.get("correct");
            if (ok == null || !ok.isBoolean()) {
                throw new Malformed("malformed event: a prediction needs 'correct': true or false");
            }
            correct = ok.asBoolean();
        } else {
            status = text(n, "status", true, null);
            Set<String> allowed = type.equals("step") ? Set.of("started", "passed") : Set.of("passed", "failed");
            if (!allowed.contains(status)) {
                throw new Malformed("malformed event: 'status' of a " + type + " event must be one of " + allowed);
            }
        }
        return new Event(id, learner, lesson, step, type, status, prediction, answer, confidence, correct, at.asLong());
    }

    private static String text(JsonNode n, String field, boolean required, Pattern shape) throws Malformed {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new Malformed("malformed event: missing '" + field + "'");
            }
            return null;
        }
        if (!v.isString()) {
            throw new Malformed("malformed event: '" + field + "' must be a string");
        }
        String s = v.asString();
        if (shape != null && !shape.matcher(s).matches()) {
            throw new Malformed("malformed event: '" + field + "' has an invalid value");
        }
        return s;
    }

    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("learner", learner);
        o.put("lesson", lesson);
        o.put("step", step);
        o.put("type", type);
        if (status != null) {
            o.put("status", status);
        }
        if (prediction != null) {
            o.put("prediction", prediction);
            o.put("answer", answer);
            if (confidence != null) {
                o.put("confidence", confidence);
            }
            o.put("correct", correct);
        }
        o.put("at", at);
        return JSON.writeValueAsString(o);
    }
}
