package dev.kubelab.repl;

import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Everything the learner sees goes through here: styled when the terminal can show colour,
 * plain when {@code NO_COLOR} is set or output is not a tty. Every line is also kept in the
 * {@link Transcript}.
 */
public final class Console {

    static final AttributedStyle OK = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle BAD = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    static final AttributedStyle WARN = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
    static final AttributedStyle CODE = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle BOLD = AttributedStyle.BOLD;

    private final Terminal terminal;
    private final PrintWriter writer;
    private final boolean color;
    private final Transcript transcript;
    private volatile org.jline.reader.LineReader reader;
    private volatile boolean reading;

    public Console(Terminal terminal, boolean color, Transcript transcript) {
        this.terminal = terminal;
        this.writer = terminal.writer();
        this.color = color;
        this.transcript = transcript;
    }

    public boolean color() {
        return color;
    }

    public Terminal terminal() {
        return terminal;
    }

    public Transcript transcript() {
        return transcript;
    }

    public int width() {
        int w = terminal.getWidth();
        return w <= 20 ? 100 : Math.min(w, 100);
    }

    public synchronized void println(AttributedString s) {
        String text = color ? s.toAnsi(terminal) : s.toString();
        org.jline.reader.LineReader r = reader;
        if (reading && r != null) {
            r.printAbove(text);
        } else {
            writer.println(text);
            writer.flush();
        }
        transcript.output(s.toString());
    }

    /** While a line is being read, output from other threads goes above the prompt. */
    void reading(org.jline.reader.LineReader r, boolean now) {
        reader = r;
        reading = now;
    }

    public void println(String s) {
        println(new AttributedString(s));
    }

    public void println() {
        println("");
    }

    public void styled(AttributedStyle style, String s) {
        println(new AttributedString(s, style));
    }

    /** "✔ text" in green. */
    public void ok(String s) {
        styled(OK, "✔ " + s);
    }

    /** "✘ text" in red: the cluster disagrees with the learner. */
    public void bad(String s) {
        styled(BAD, "✘ " + s);
    }

    /** Something kubelab could not do: never the learner's fault. */
    public void warn(String s) {
        styled(WARN, "! " + s);
    }

    public void dim(String s) {
        styled(DIM, s);
    }

    public void code(String s) {
        for (String line : s.split("\n", -1)) {
            styled(CODE, "    " + line);
        }
    }

    /** A label in bold followed by plain text. */
    public void labelled(String label, String text) {
        if (text.isEmpty()) {
            label = label.stripTrailing();
        }
        println(new AttributedStringBuilder().styled(BOLD, label).append(text).toAttributedString());
    }

    /** Raw text (command output) as it arrives, not line-buffered. */
    public synchronized void raw(String text) {
        writer.print(text);
        writer.flush();
        transcript.rawOutput(text);
    }

    /** An OutputStream that decodes and writes into the console (for live command output). */
    public OutputStream stream() {
        return new Utf8Sink(this::raw);
    }

    /** Decodes UTF-8 split at arbitrary byte boundaries. */
    static final class Utf8Sink extends OutputStream {
        private final java.util.function.Consumer<String> to;
        private final byte[] pending = new byte[4];
        private int npending;

        Utf8Sink(java.util.function.Consumer<String> to) {
            this.to = to;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            byte[] all = new byte[npending + len];
            System.arraycopy(pending, 0, all, 0, npending);
            System.arraycopy(b, off, all, npending, len);
            int end = all.length;
            int i = end - 1;
            int back = 0;
            while (i >= 0 && back < 3 && (all[i] & 0xC0) == 0x80) {
                i--;
                back++;
            }
            if (i >= 0 && (all[i] & 0x80) != 0) {
                int need = (all[i] & 0xE0) == 0xC0 ? 2 : (all[i] & 0xF0) == 0xE0 ? 3 : (all[i] & 0xF8) == 0xF0 ? 4 : 1;
                if (end - i < need) {
                    end = i;
                }
            }
            npending = all.length - end;
            System.arraycopy(all, end, pending, 0, npending);
            if (end > 0) {
                to.accept(new String(all, 0, end, StandardCharsets.UTF_8));
            }
        }
    }
}
