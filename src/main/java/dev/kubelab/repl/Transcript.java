package dev.kubelab.repl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every input, output and verdict of a session, in order, for {@code /export}. */
public final class Transcript {

    /** What an entry is: the learner's input (with its language), kubelab's output, or a section heading. */
    public enum Kind { INPUT, OUTPUT, HEADING }

    /** {@code lang}: kubectl, shell, java, command (a /command), answer (to a prediction); null for output. */
    public record Entry(Kind kind, String lang, String text, Instant at) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final StringBuilder pendingOutput = new StringBuilder();

    public synchronized void input(String lang, String text) {
        flush();
        entries.add(new Entry(Kind.INPUT, lang, text, Instant.now()));
    }

    public synchronized void heading(String text) {
        flush();
        entries.add(new Entry(Kind.HEADING, null, text, Instant.now()));
    }

    public synchronized void output(String line) {
        pendingOutput.append(line).append('\n');
    }

    public synchronized void rawOutput(String text) {
        pendingOutput.append(text);
    }

    private void flush() {
        if (pendingOutput.length() > 0) {
            entries.add(new Entry(Kind.OUTPUT, null, pendingOutput.toString(), Instant.now()));
            pendingOutput.setLength(0);
        }
    }

    public synchronized List<Entry> entries() {
        flush();
        return List.copyOf(entries);
    }
}
