package dev.kubelab.repl;

import dev.kubelab.workshop.JoinFile;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Builds the terminal (a real one on a tty, a dumb one for piped input) and runs the REPL or a demo. */
public final class ReplLauncher {

    private ReplLauncher() {
    }

    static {
        // Libraries (JLine, Vert.x) log through java.util.logging to stderr, stack traces included:
        // never in front of the learner. Warnings go to the data directory's log instead.
        java.util.logging.LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(Level.OFF);
        Logger.getLogger("org.jline").setLevel(Level.OFF);
    }

    /** With the process's own stdin/stdout; {@code workshop}: the joined workshop, or null. */
    public static int start(String version, ReplConfig.ClusterSource clusters, Path lessonsDir, Path root, Map<String, String> env, String demoLesson,
                            JoinFile workshop) throws IOException {
        boolean tty = System.console() != null;
        Terminal terminal = tty
                ? TerminalBuilder.builder().system(true).name("kubelab").encoding(StandardCharsets.UTF_8).build()
                : dumb(System.in, System.out);
        boolean interactive = tty && !isSet(env, "CI");
        boolean color = tty && !isSet(env, "NO_COLOR") && !Terminal.TYPE_DUMB.equals(terminal.getType())
                && !"dumb-color".equals(terminal.getType());
        ReplConfig config = new ReplConfig(version, env, lessonsDir, root, clusters, interactive, color, workshop);
        try (terminal) {
            return run(config, terminal, demoLesson);
        }
    }

    /** A dumb terminal over streams: piped input, scripted sessions, tests. */
    public static Terminal dumb(InputStream in, OutputStream out) throws IOException {
        return new org.jline.terminal.impl.DumbTerminal("kubelab", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8);
    }

    public static int run(ReplConfig config, Terminal terminal, String demoLesson) {
        if (demoLesson != null) {
            try (Demo demo = new Demo(config, terminal)) {
                return demo.run(demoLesson);
            }
        }
        try (Repl repl = new Repl(config, terminal)) {
            return repl.run();
        }
    }

    static boolean isSet(Map<String, String> env, String key) {
        String v = env.get(key);
        return v != null && !v.isEmpty() && !v.equalsIgnoreCase("false") && !v.equals("0");
    }
}
