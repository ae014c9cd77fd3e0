package dev.kubelab.check;

import java.util.Locale;

/** How a prediction's answer is written and compared with the live truth. */
public enum AnswerKind {
    /** One or more IPs; right when the set equals the live set. */
    IP,
    /** A DNS name; compared without case and trailing dot. */
    HOST,
    /** yes/no. */
    YESNO,
    /** One of the listed choices, by text, letter or number. */
    CHOICE,
    /** A whole number (a list's size when the probe yields a list). */
    NUMBER,
    /** Free text, compared trimmed and without case. */
    TEXT,
    /** A grid of yes/no cells, one probe per cell: rows written like "yyn/nny". */
    MATRIX;

    public static AnswerKind parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "ip", "ips" -> IP;
            case "host", "hostname" -> HOST;
            case "yesno", "bool", "boolean" -> YESNO;
            case "choice" -> CHOICE;
            case "number", "int", "integer" -> NUMBER;
            case "text" -> TEXT;
            case "matrix", "reachability", "reachabilitymatrix" -> MATRIX;
            default -> throw new IllegalArgumentException("unknown answer kind '" + s
                    + "' (use ip, host, yesno, choice, number, text or matrix)");
        };
    }

    public String prompt() {
        return switch (this) {
            case IP -> "an IP";
            case HOST -> "a host name";
            case YESNO -> "yes/no";
            case CHOICE -> "a choice";
            case NUMBER -> "a number";
            case TEXT -> "text";
            case MATRIX -> "rows of y/n, e.g. yyn/nny";
        };
    }
}
