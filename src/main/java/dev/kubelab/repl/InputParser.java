package dev.kubelab.repl;

import dev.kubelab.kube.CommandLine;
import dev.kubelab.session.CommandRunner;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Decides when a line is finished: a Java snippet continues while JShell says it is incomplete,
 * a command with {@code <<EOF} continues until the marker line. Throwing {@link EOFError} makes
 * JLine show the continuation prompt.
 */
final class InputParser extends DefaultParser {

    private final Predicate<String> javaComplete;
    private final BooleanSupplier answering;

    /**
     * @param javaComplete whether Java code is complete
     * @param answering    true while the prompt asks a prediction (the line is an answer, never Java)
     */
    InputParser(Predicate<String> javaComplete, BooleanSupplier answering) {
        this.javaComplete = javaComplete;
        this.answering = answering;
        setEscapeChars(null);
        setQuoteChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE) {
            String missing = missing(line, answering.getAsBoolean(), javaComplete);
            if (missing != null) {
                throw new EOFError(-1, cursor, missing, missing);
            }
        }
        return super.parse(line, cursor, context);
    }

    /** What the input still needs (null when complete). Shared with the piped-input reader. */
    static String missing(String line, boolean answering, Predicate<String> javaComplete) {
        String t = line.strip();
        if (answering || t.isEmpty() || t.startsWith("/")) {
            return null;
        }
        if (CommandRunner.isCommand(t)) {
            String first = t.lines().findFirst().orElse("");
            String marker = CommandLine.heredocMarker(first);
            if (marker != null && t.lines().skip(1).noneMatch(l -> l.strip().equals(marker))) {
                return marker;
            }
            return null;
        }
        return javaComplete.test(line) ? null : "java";
    }
}
