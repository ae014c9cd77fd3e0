package dev.kubelab.lesson;

import dev.kubelab.check.AnswerKind;
import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.Expectation;
import dev.kubelab.check.PredictionSpec;
import dev.kubelab.probe.PodRef;
import dev.kubelab.probe.ProbeSpec;
import dev.kubelab.probe.Resolver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the YAML of prediction, check, wrong and remember blocks into typed specs. Every mistake
 * becomes a {@link SpecException} naming the key, so the parser can point at its line.
 */
final class SpecReader {

    static final class SpecException extends Exception {
        final String key;

        SpecException(String key, String message) {
            super(message);
            this.key = key;
        }
    }

    private SpecReader() {
    }

    static CheckSpec check(Map<String, Object> m, int line) throws SpecException {
        allowOnly(m, Set.of("id", "description", "let", "probe", "expect", "hint", "guard", "irrelevantMutants"));
        Map<String, ProbeSpec> let = new LinkedHashMap<>();
        if (m.get("let") != null) {
            for (Map.Entry<String, Object> e : map(m.get("let"), "let").entrySet()) {
                let.put(e.getKey(), truthProbe(e.getValue(), "let"));
            }
        }
        if (m.get("probe") == null) {
            throw new SpecException("id", "check needs a probe: the live observation it tests");
        }
        if (m.get("expect") == null) {
            throw new SpecException("probe", "check needs expect: the condition the probe's value must meet");
        }
        return new CheckSpec(required(m, "id"), str(m.getOrDefault("description", m.get("id"))), let,
                truthProbe(m.get("probe"), "probe"), expectation(m.get("expect")), str(m.get("hint")), line,
                Boolean.TRUE.equals(m.get("guard")), irrelevantMutants(m.get("irrelevantMutants")));
    }

    /** {@code irrelevantMutants: {KIND: why}}: generic mutants that cannot break what this check is about, each with its reason. */
    private static Map<String, String> irrelevantMutants(Object v) throws SpecException {
        if (v == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(v, "irrelevantMutants").entrySet()) {
            if (!CheckSpec.MUTANT_KINDS.contains(e.getKey())) {
                throw new SpecException("irrelevantMutants", "unknown mutant '" + e.getKey() + "' (" + String.join(", ", CheckSpec.MUTANT_KINDS) + ")");
            }
            if (e.getValue() == null || String.valueOf(e.getValue()).isBlank()) {
                throw new SpecException("irrelevantMutants", "mutant '" + e.getKey() + "' declared irrelevant without a reason: say why it cannot break this check");
            }
            out.put(e.getKey(), String.valueOf(e.getValue()).strip());
        }
        return out;
    }

    static PredictionSpec prediction(Map<String, Object> m, int line) throws SpecException {
        allowOnly(m, Set.of("id", "question", "answer", "choices", "probe", "expect", "explain", "explainIf", "from", "to"));
        String id = required(m, "id");
        String question = required(m, "question");
        AnswerKind kind;
        try {
            kind = AnswerKind.parse(required(m, "answer"));
        } catch (IllegalArgumentException e) {
            throw new SpecException("answer", e.getMessage());
        }
        List<String> choices = m.get("choices") == null ? List.of() : strings(m.get("choices"), "choices");
        if (kind == AnswerKind.CHOICE && choices.size() < 2) {
            throw new SpecException("answer", "a choice prediction needs at least two choices");
        }
        PredictionSpec.Matrix matrix = null;
        ProbeSpec probe = null;
        if (kind == AnswerKind.MATRIX) {
            matrix = matrix(m);
        } else {
            if (m.get("probe") == null) {
                throw new SpecException("question", "prediction '" + id + "' has no probe: the live truth must be computed, never stored");
            }
            probe = truthProbe(m.get("probe"), "probe");
        }
        Expectation expect = m.get("expect") == null ? null : expectation(m.get("expect"));
        return new PredictionSpec(id, question, kind, choices, probe, expect, matrix, str(m.get("explain")), line,
                explainIf(m.get("explainIf"), kind, choices));
    }

    private static PredictionSpec.Matrix matrix(Map<String, Object> m) throws SpecException {
        if (m.get("from") == null || m.get("to") == null) {
            throw new SpecException("answer", "a matrix prediction needs from: (row name → pod) and to: (column name → host, port)");
        }
        Map<String, Object> from = map(m.get("from"), "from");
        Map<String, Object> to = map(m.get("to"), "to");
        List<List<ProbeSpec>> cells = new ArrayList<>();
        for (Object podSpec : from.values()) {
            PodRef pod = pod(podSpec, "from");
            List<ProbeSpec> row = new ArrayList<>();
            for (Object target : to.values()) {
                Map<String, Object> t = map(target, "to");
                row.add(new ProbeSpec.TcpConnect(pod, required(t, "host"), required(t, "port"),
                        intOr(t.get("timeout"), 3)));
            }
            cells.add(row);
        }
        return new PredictionSpec.Matrix(List.copyOf(from.keySet()), List.copyOf(to.keySet()), cells);
    }

    /**
     * A probe whose value is a truth (a check's or prediction's {@code probe:}, a {@code let:}): it
     * must observe the cluster. A bare value ({@code probe: 3}) or a {@code value:} with no live
     * {@code ${...}} in it is a stored answer; {@code ran:} grades the learner's command text,
     * not the cluster. Both are refused here, so lint reports them with file:line.
     */
    static ProbeSpec truthProbe(Object raw, String key) throws SpecException {
        if (!(raw instanceof Map<?, ?>)) {
            throw new SpecException(key, key + ": " + raw + " is a stored value: a truth must come from a probe "
                    + "(dns:, http:, service:, ...); to combine live values use value: '${name}'");
        }
        ProbeSpec p = probe(raw, key);
        if (p instanceof ProbeSpec.Literal l && !mentionsLiveValue(l.value())) {
            throw new SpecException(key, key + ": value: " + l.value() + " names no live value (${...}): a truth must come "
                    + "from a probe");
        }
        if (p instanceof ProbeSpec.CommandRan) {
            throw new SpecException(key, key + ": ran: grades the command the learner typed, not the cluster; "
                    + "check the state or behaviour it should have caused");
        }
        return p;
    }

    private static boolean mentionsLiveValue(Object v) {
        if (v instanceof java.util.Collection<?> c) {
            return !c.isEmpty() && c.stream().allMatch(SpecReader::mentionsLiveValue);
        }
        return v instanceof String s && s.contains("${");
    }

    static ProbeSpec probe(Object raw, String key) throws SpecException {
        if (!(raw instanceof Map<?, ?>)) {
            return new ProbeSpec.Literal(raw);
        }
        Map<String, Object> outer = map(raw, key);
        if (outer.size() != 1) {
            throw new SpecException(key, key + " must name exactly one probe, e.g. dns:, tcp:, service: (got " + outer.keySet() + ")");
        }
        String type = outer.keySet().iterator().next();
        Object body = outer.get(type);
        Map<String, Object> p = body == null ? Map.of() : body instanceof Map<?, ?> ? map(body, type) : Map.of("value", body);
        return switch (type) {
            case "podIPs" -> new ProbeSpec.PodIps(required(p, "namespace"), required(p, "selector"));
            case "service" -> {
                String field = str(p.getOrDefault("field", "clusterIP"));
                if (!Set.of("clusterIP", "type", "ports", "targetPorts", "selector").contains(field)) {
                    throw new SpecException(type, "unknown Service field '" + field + "' (clusterIP, type, ports, targetPorts, selector)");
                }
                yield new ProbeSpec.ServiceField(required(p, "namespace"), required(p, "name"), field);
            }
            case "endpoints" -> new ProbeSpec.EndpointAddresses(required(p, "namespace"), required(p, "service"));
            case "dns" -> new ProbeSpec.DnsLookup(pod(p.get("from"), "dns"), required(p, "name"), resolver(p));
            case "dnsQueries" -> new ProbeSpec.DnsQueries(pod(p.get("from"), "dnsQueries"), required(p, "name"));
            case "tcp" -> p.get("url") != null
                    ? new ProbeSpec.TcpConnect(pod(p.get("from"), "tcp"), required(p, "url"), "", intOr(p.get("timeout"), 3))
                    : new ProbeSpec.TcpConnect(pod(p.get("from"), "tcp"), required(p, "host"), required(p, "port"),
                    intOr(p.get("timeout"), 3));
            case "tcpResult" -> p.get("url") != null
                    ? new ProbeSpec.TcpResult(pod(p.get("from"), type), required(p, "url"), "", intOr(p.get("timeout"), 3))
                    : new ProbeSpec.TcpResult(pod(p.get("from"), type), required(p, "host"), required(p, "port"), intOr(p.get("timeout"), 3));
            case "ping" -> new ProbeSpec.Ping(pod(p.get("from"), "ping"), required(p, "host"), intOr(p.get("timeout"), 1));
            case "http" -> new ProbeSpec.HttpGet(pod(p.get("from"), "http"), required(p, "url"), intOr(p.get("timeout"), 3));
            case "httpBodies" -> new ProbeSpec.HttpBodies(pod(p.get("from"), type), required(p, "url"), intOr(p.get("requests"), 10),
                    intOr(p.get("timeout"), 3));
            case "httpBody" -> new ProbeSpec.HttpBody(pod(p.get("from"), "httpBody"), required(p, "url"), intOr(p.get("timeout"), 3));
            case "resolvConf" -> {
                String field = str(p.get("field"));
                if (field != null && !Set.of("nameservers", "search", "ndots").contains(field)) {
                    throw new SpecException(type, "unknown resolv.conf field '" + field + "' (nameservers, search, ndots)");
                }
                yield new ProbeSpec.ResolvConf(pod(p.get("from"), "resolvConf"), field);
            }
            case "localPort" -> {
                String address = str(p.getOrDefault("address", "loopback"));
                if (!Set.of("loopback", "lan").contains(address)) {
                    throw new SpecException(type, "unknown address '" + address + "' (loopback: 127.0.0.1, lan: this machine's first non-loopback IPv4 address)");
                }
                yield new ProbeSpec.LocalPort(required(p, "port"), address);
            }
            case "localHttp" -> {
                String path = str(p.getOrDefault("path", "/"));
                yield new ProbeSpec.LocalHttp(required(p, "port"), path.startsWith("/") ? path : "/" + path,
                        intOr(p.get("requests"), 1));
            }
            case "exists" -> new ProbeSpec.ObjectExists(required(p, "kind"), str(p.get("namespace")), required(p, "name"));
            case "jsonpath" -> new ProbeSpec.JsonPathValue(required(p, "kind"), str(p.get("namespace")), required(p, "name"),
                    required(p, "path"));
            case "ran" -> new ProbeSpec.CommandRan(required(p, "pattern"));
            case "podCIDRs" -> new ProbeSpec.PodCidrs();
            case "value" -> new ProbeSpec.Literal(p.get("value"));
            default -> throw new SpecException(key, "unknown probe '" + type + "' (podIPs, service, endpoints, dns, tcp, ping, http, httpBody, "
                    + "resolvConf, localPort, localHttp, exists, jsonpath, ran, podCIDRs, value)");
        };
    }

    private static Resolver resolver(Map<String, Object> p) throws SpecException {
        String r = str(p.getOrDefault("resolver", "getent"));
        try {
            return Resolver.valueOf(r.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SpecException("resolver", "unknown resolver '" + r + "' (getent or nslookup)");
        }
    }

    static PodRef pod(Object raw, String key) throws SpecException {
        if (raw == null) {
            throw new SpecException(key, key + " needs from: the pod it runs in ({namespace, selector} or {namespace, pod})");
        }
        Map<String, Object> p = map(raw, "from");
        String pod = str(p.get("pod"));
        String selector = str(p.get("selector"));
        if ((pod == null) == (selector == null)) {
            throw new SpecException("from", "from: needs exactly one of pod: or selector:");
        }
        return new PodRef(required(p, "namespace"), pod, selector, str(p.get("container")));
    }

    static Expectation expectation(Object raw) throws SpecException {
        if (!(raw instanceof Map<?, ?>)) {
            return new Expectation.Equals(new ProbeSpec.Literal(raw));
        }
        Map<String, Object> m = map(raw, "expect");
        if (m.size() != 1) {
            throw new SpecException("expect", "expect must have exactly one condition (got " + m.keySet() + ")");
        }
        String op = m.keySet().iterator().next();
        Object arg = m.get(op);
        return switch (op) {
            case "equals" -> new Expectation.Equals(probe(arg, "expect"));
            case "notEquals" -> new Expectation.NotEquals(probe(arg, "expect"));
            case "contains" -> new Expectation.Contains(probe(arg, "expect"));
            case "inCidr" -> new Expectation.InCidr(probe(arg, "expect"));
            case "empty" -> Boolean.TRUE.equals(arg) ? new Expectation.Empty() : new Expectation.NonEmpty();
            case "nonEmpty" -> Boolean.TRUE.equals(arg) ? new Expectation.NonEmpty() : new Expectation.Empty();
            case "matches" -> new Expectation.Matches(str(arg));
            default -> throw new SpecException("expect", "unknown condition '" + op
                    + "' (equals, notEquals, contains, inCidr, empty, nonEmpty, matches)");
        };
    }

    static void allowOnly(Map<String, Object> m, Set<String> keys) throws SpecException {
        for (String k : m.keySet()) {
            if (!keys.contains(k)) {
                throw new SpecException(k, "unknown key '" + k + "' (allowed: " + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }

    static String required(Map<String, Object> m, String key) throws SpecException {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new SpecException(key, "missing " + key + ":");
        }
        return String.valueOf(v);
    }

    static String str(Object v) {
        return v == null ? null : String.valueOf(v);
    }

    static int intOr(Object v, int fallback) throws SpecException {
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new SpecException("timeout", "expected a whole number, got '" + v + "'");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v, String key) throws SpecException {
        if (!(v instanceof Map<?, ?> m)) {
            throw new SpecException(key, key + " must be a mapping (key: value lines)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue());
        }
        return out;
    }

    static List<String> strings(Object v, String key) throws SpecException {
        if (!(v instanceof List<?> l)) {
            throw new SpecException(key, key + " must be a list");
        }
        return l.stream().map(String::valueOf).toList();
    }

    /** {@code explainIf: {TRUTH: text}}: keys are yes/no for a yes/no prediction, or choices of a choice one. */
    private static Map<String, String> explainIf(Object raw, AnswerKind kind, List<String> choices) throws SpecException {
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new SpecException("explainIf", "explainIf maps a live truth to its explanation, e.g. {yes: ..., no: ...}");
        }
        if (kind != AnswerKind.YESNO && kind != AnswerKind.CHOICE) {
            throw new SpecException("explainIf", "explainIf applies to yesno and choice predictions, whose truths can be listed");
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (var e : map.entrySet()) {
            String key = e.getKey() instanceof Boolean b ? (b ? "yes" : "no") : String.valueOf(e.getKey());
            boolean known = kind == AnswerKind.YESNO ? key.equals("yes") || key.equals("no") : choices.contains(key);
            if (!known) {
                throw new SpecException("explainIf", "explainIf key '" + key + "' is not a possible truth ("
                        + (kind == AnswerKind.YESNO ? "yes or no" : "one of the choices " + choices) + ")");
            }
            if (!(e.getValue() instanceof String text) || text.isBlank()) {
                throw new SpecException("explainIf", "explainIf '" + key + "' needs a text");
            }
            out.put(key, text.strip());
        }
        return out;
    }
}
