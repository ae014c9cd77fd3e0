package dev.kubelab.check;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${key}} references in lesson text: {@code ${ns:garage}} (the physical namespace for a
 * logical one), {@code ${image:busybox}} (the backend's image), and names bound by a check's
 * {@code let} or a step's {@code remember}. Unknown keys are left as they are (lint reports them).
 */
public final class Template {

    private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z][\\w.-]*(?::[\\w.-]+)?)}");

    private Template() {
    }

    public static String render(String text, Function<String, String> lookup) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = lookup.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static Set<String> references(String text) {
        Set<String> keys = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = REF.matcher(text);
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }
}
