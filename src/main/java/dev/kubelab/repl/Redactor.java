package dev.kubelab.repl;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes credentials (kubeconfig tokens, keys, certificates, bearer headers) from exported text. */
public final class Redactor {

    static final String MASK = "REDACTED";

    private static final List<Pattern> KEY_VALUE = List.of(
            Pattern.compile("(?im)^(\\s*-?\\s*(?:token|client-key-data|client-certificate-data|certificate-authority-data|password|id-token|refresh-token|access-token)\\s*:\\s*)(\\S.*)$"),
            Pattern.compile("(?i)(\"(?:token|client-key-data|client-certificate-data|password)\"\\s*:\\s*\")([^\"]+)(\")"),
            Pattern.compile("(?i)(--token[= ])(\\S+)()"),
            Pattern.compile("(?i)(authorization:\\s*bearer\\s+)(\\S+)()"),
            Pattern.compile("(?i)(bearer\\s+)([A-Za-z0-9._~+/=-]{16,})()"));
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
    private static final Pattern PEM = Pattern.compile("(?s)-----BEGIN ([A-Z ]+)-----.*?-----END \\1-----");

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = PEM.matcher(text).replaceAll(m -> Matcher.quoteReplacement("-----BEGIN " + m.group(1) + "----- " + MASK
                + " -----END " + m.group(1) + "-----"));
        for (Pattern p : KEY_VALUE) {
            Matcher m = p.matcher(out);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String tail = m.groupCount() >= 3 && m.group(3) != null ? m.group(3) : "";
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + MASK + tail));
            }
            m.appendTail(sb);
            out = sb.toString();
        }
        return JWT.matcher(out).replaceAll(MASK);
    }
}
