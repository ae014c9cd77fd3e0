package dev.kubelab.repl;

import dev.kubelab.lesson.Lesson;
import dev.kubelab.session.CommandOutcome;
import dev.kubelab.session.CommandRunner;
import dev.kubelab.session.LessonCatalog;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The kubelab REPL: one input loop. {@code /commands} go to the {@link Dispatcher}, kubectl, k and
 * {@code !} lines to the lesson's {@link CommandRunner} (output streamed), anything else to JShell.
 * A pending prediction turns the prompt into its question. Ctrl-C stops the running command or
 * snippet, never the REPL; Ctrl-D and /quit save and leave. No stack trace reaches the learner.
 */
public final class Repl implements AutoCloseable {

    static final String PROMPT = "kubelab> ";
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(30);

    private final ReplConfig config;
    private final Terminal terminal;
    private final Console console;
    private final Dispatcher dispatcher = new Dispatcher();
    private final JavaCells java;
    private final LessonSession session;
    private final PredictionFlow flow;
    private final LineReader reader;
    private final String loadWarning;
    private String historyWarning;
    private volatile Thread busy;
    private boolean quit;

    public Repl(ReplConfig config, Terminal terminal) {
        this.config = config;
        this.terminal = terminal;
        this.console = new Console(terminal, config.color(), new Transcript());
        this.java = new JavaCells(console, config.env().get("KUBELAB_JSHELL_ENGINE"));
        ProgressStore store = new ProgressStore(config.dataDir());
        ProgressStore.Loaded loaded = store.load();
        this.loadWarning = loaded.warning();
        LessonCatalog catalog = LessonCatalog.load(List.of(config.lessonsDir()));
        this.session = new LessonSession(config, console, catalog, store, loaded.progress(), java);
        this.flow = new PredictionFlow(session, console);
        Path historyFile = config.dataDir().resolve("history");
        try {
            PrivateHistory.secure(historyFile);
        } catch (IOException e) {
            historyWarning = "history " + historyFile + " could not be redacted: " + e.getMessage();
        }
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("kubelab")
                .history(new PrivateHistory(historyFile))
                .parser(new InputParser(java::isComplete, flow::active))
                .completer(new ReplCompleter(this))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "    ...> ")
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, false)
                .build();
        terminal.handle(Terminal.Signal.INT, signal -> interrupt());
    }

    Console console() {
        return console;
    }

    LessonSession session() {
        return session;
    }

    PredictionFlow flow() {
        return flow;
    }

    JavaCells java() {
        return java;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    ReplConfig config() {
        return config;
    }

    LineReader reader() {
        return reader;
    }

    void quit() {
        quit = true;
    }

    /** Runs until /quit, Ctrl-D or end of input; returns the exit code. */
    public int run() {
        java.startInBackground();
        startUp();
        while (!quit) {
            String line;
            try {
                console.reading(reader, true);
                line = reader.readLine(flow.active() ? flow.prompt() : PROMPT);
            } catch (UserInterruptException e) {
                console.dim(flow.active() ? "(/skip skips the prediction; Ctrl-D or /quit leaves)" : "(Ctrl-D or /quit leaves kubelab)");
                continue;
            } catch (EndOfFileException e) {
                terminal.writer().println();
                break;
            } finally {
                console.reading(reader, false);
            }
            echo(line);
            try {
                handle(line);
            } catch (RuntimeException | LinkageError e) {
                internalError(e);
            }
        }
        session.save();
        console.println("Progress saved. Bye.");
        return 0;
    }

    private void startUp() {
        Instant start = Instant.now();
        if (historyWarning != null) {
            console.warn(historyWarning);
        }
        if (loadWarning != null) {
            console.warn(loadWarning);
        }
        boolean connected = session.connect();
        dev.kubelab.repl.snippet.Lab.use(() -> null, connected ? "no lesson is open (/open N)"
                : "no cluster is running (see /status)");
        long done = session.progress().lessonsDone();
        console.println("kubelab " + config.version() + " · cluster: "
                + (connected ? session.cluster().describe() : "none") + " · progress: " + done + " of "
                + session.catalog().lessons().size() + " lessons");
        if (session.workshop() != null) {
            console.println("Joined " + session.workshop().describe() + ".");
        }
        console.println();
        LessonsCmd.list(console, session);
        console.println();
        if (!connected && session.workshop() == null) {
            new ClusterBootstrap(this).offer();
        }
        String current = session.progress().currentLesson();
        Lesson resume = current == null ? null : session.catalog().find(current).orElse(null);
        if (resume != null) {
            Progress.LessonProgress lp = session.progress().lesson(resume.id());
            int step = lp.step() == null ? 0 : Math.max(0, resume.stepIndex(lp.step()));
            session.open(resume, step, true);
        } else if (!session.catalog().lessons().isEmpty()) {
            console.println("Type /open 1 to begin, /help for everything else.");
        }
        if (config.env().containsKey("KUBELAB_TIMING")) {
            console.dim("(ready for input " + Duration.between(start, Instant.now()).toMillis() + " ms after start)");
        }
    }

    /** A dumb terminal (piped input) does not echo: show what was read, so output reads like a session. */
    private void echo(String line) {
        if (Terminal.TYPE_DUMB.equals(terminal.getType())) {
            terminal.writer().println(line.replace("\n", "\n    ...> "));
            terminal.writer().flush();
        }
    }

    /** One line of input, whatever it is. */
    void handle(String line) {
        String t = line.strip();
        if (flow.active()) {
            if (t.startsWith("/")) {
                console.transcript().input("command", t);
                dispatcher.dispatch(this, t);
            } else {
                console.transcript().input("answer", t);
                flow.accept(line);
            }
            return;
        }
        if (t.isEmpty()) {
            return;
        }
        if (t.startsWith("/")) {
            console.transcript().input("command", t);
            dispatcher.dispatch(this, t);
        } else if (CommandRunner.isCommand(t)) {
            console.transcript().input(t.startsWith("!") ? "shell" : "kubectl", t);
            runCommand(t);
        } else {
            console.transcript().input("java", line.strip());
            runJava(line);
        }
    }

    private void runCommand(String text) {
        busy = Thread.currentThread();
        CommandOutcome out;
        try {
            if (!session.awaitReady()) {
                return;
            }
            out = session.runner().run(text, COMMAND_TIMEOUT, console.stream(), console.stream());
        } finally {
            busy = null;
            Thread.interrupted();
        }
        if (out instanceof CommandOutcome.Finished f) {
            if (f.result().timedOut()) {
                console.warn("stopped after " + COMMAND_TIMEOUT.toMinutes() + " minutes");
            } else if (f.result().exitCode() == 130) {
                console.println("^C stopped: " + f.command());
            } else if (f.result().exitCode() != 0) {
                console.dim("(exit " + f.result().exitCode() + ")");
            }
        } else if (out instanceof CommandOutcome.Background b) {
            console.println("[job " + b.job().number() + "] " + b.command() + " running in the background (/jobs, /kill "
                    + b.job().number() + ")");
            if (!b.firstOutput().isBlank()) {
                console.dim("  " + b.firstOutput().strip().replace("\n", "\n  "));
            }
        } else if (out instanceof CommandOutcome.Rejected r) {
            if (r.reason().startsWith("interrupted")) {
                console.println("^C stopped: " + r.command());
            } else {
                console.warn(r.reason());
            }
        }
        session.grading().afterCommand();
    }

    private void runJava(String code) {
        busy = Thread.currentThread();
        try {
            if (!session.awaitReady()) {
                return;
            }
        } finally {
            busy = null;
            Thread.interrupted();
        }
        java.eval(code);
        session.grading().afterCommand();
    }

    /** Ctrl-C outside line editing: stop the snippet, else the command, else waiting. */
    void interrupt() {
        if (java.stop()) {
            return;
        }
        Thread b = busy;
        if (b != null) {
            b.interrupt();
        }
    }

    /** Lets a long action (cluster build) be interrupted by Ctrl-C. */
    void busy(Thread t) {
        busy = t;
    }

    boolean requireLesson() {
        if (session.lesson() == null) {
            console.println("No lesson is open. /open N starts one (/lessons lists them).");
            return false;
        }
        return true;
    }

    /** A bug in kubelab: one line for the learner, the trace in a log file. */
    private void internalError(Throwable e) {
        Path log = config.dataDir().resolve("kubelab-errors.log");
        try {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            Files.createDirectories(log.getParent());
            Files.writeString(log, Instant.now() + " " + sw + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the message below is what matters
        }
        console.warn("kubelab hit a problem (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                + e.getMessage().lines().findFirst().orElse("")) + "); details in " + log + ". Please report it.");
    }

    @Override
    public void close() {
        session.close();
        java.close();
        try {
            reader.getHistory().save();
        } catch (IOException | RuntimeException ignored) {
            // history is a convenience
        }
    }

    Terminal terminal() {
        return terminal;
    }
}
