package dev.kubelab.kube;

import java.util.ArrayList;
import java.util.List;

/**
 * One command as argv, plus the text fed to its stdin (from a here-document), parsed from a line
 * the way a POSIX shell would split words — but nothing is expanded and no shell ever runs it.
 * Learner input and lesson solutions go to kubectl through this, never through {@code sh -c}.
 */
public record CommandLine(List<String> argv, String stdin) {

    public CommandLine {
        argv = List.copyOf(argv);
    }

    public static CommandLine of(String... argv) {
        return new CommandLine(List.of(argv), null);
    }

    /**
     * Splits {@code text}: the first line holds the words; if it ends with {@code <<WORD} (or
     * {@code <<'WORD'}), the following lines up to a line equal to WORD become stdin.
     *
     * @throws IllegalArgumentException with a one-line reason for an unclosed quote or here-document
     */
    public static CommandLine parse(String text) {
        String[] lines = text.split("\n", -1);
        List<String> words = split(lines[0]);
        String stdin = null;
        if (!words.isEmpty() && words.get(words.size() - 1).startsWith("<<")) {
            String marker = words.remove(words.size() - 1).substring(2);
            if (marker.isEmpty()) {
                throw new IllegalArgumentException("here-document needs a marker after <<");
            }
            StringBuilder body = new StringBuilder();
            boolean closed = false;
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].strip().equals(marker)) {
                    closed = true;
                    break;
                }
                body.append(lines[i]).append('\n');
            }
            if (!closed) {
                throw new IllegalArgumentException("here-document not closed: expected a line '" + marker + "'");
            }
            stdin = body.toString();
        } else if (lines.length > 1 && !text.substring(lines[0].length()).isBlank()) {
            throw new IllegalArgumentException("one command per line (use <<EOF for multi-line input)");
        }
        return new CommandLine(words, stdin);
    }

    /** Whether {@code firstLine} opens a here-document, so the reader should collect more lines. */
    public static String heredocMarker(String firstLine) {
        try {
            List<String> words = split(firstLine);
            if (!words.isEmpty() && words.get(words.size() - 1).startsWith("<<")
                    && words.get(words.size() - 1).length() > 2) {
                return words.get(words.size() - 1).substring(2);
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + (quote == '\'' ? "single" : "double") + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** The command as a reader would type it (for transcripts and messages). */
    public String display() {
        StringBuilder out = new StringBuilder();
        for (String w : argv) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(w.isEmpty() || w.matches(".*[\\s'\"\\\\$`!*?{}\\[\\]|&;<>()].*") ? "'" + w.replace("'", "'\\''") + "'" : w);
        }
        return out.toString();
    }
}
