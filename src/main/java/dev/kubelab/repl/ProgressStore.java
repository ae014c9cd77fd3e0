package dev.kubelab.repl;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Progress on disk: {@code progress.yaml} in the data directory ({@code KUBELAB_HOME}, else
 * {@code $XDG_DATA_HOME/kubelab}, else {@code ~/.local/share/kubelab}). Written to a temp file,
 * forced to disk and renamed over the old one, so a crash mid-save leaves the previous state; each
 * save merges with what another REPL saved meanwhile, under a lock. A file that is not a progress
 * file is moved aside (never silently dropped) and the learner is told; one that could not be read
 * for the moment stays untouched.
 */
public final class ProgressStore {

    static final int VERSION = 1;

    private final Path file;
    /** Test hook: runs after the temp file is written and before the rename (a crash there). */
    Runnable beforeRename = () -> { };

    public ProgressStore(Path dataDir) {
        this.file = dataDir.resolve("progress.yaml");
    }

    public static Path dataDir(Map<String, String> env) {
        String home = env.get("KUBELAB_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "kubelab");
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "share", "kubelab");
    }

    public Path file() {
        return file;
    }

    /** The loaded progress and a warning for the learner (null when all was well). */
    public record Loaded(Progress progress, String warning) {
    }

    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(new Progress(), null);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // a read that failed says nothing about the file: it stays, and the next save merges with it
            return new Loaded(new Progress(), "your progress file " + file + " could not be read now (" + oneLine(e)
                    + "); it is left as it is, and this session's progress is merged into it when saved");
        }
        try {
            return new Loaded(parse(text), null);
        } catch (RuntimeException e) {
            String what = moveAside();
            return new Loaded(new Progress(), "your progress file " + file + " could not be read (" + oneLine(e)
                    + "); " + what + " and kubelab starts afresh");
        }
    }

    /** The progress in {@code text}; any RuntimeException means the file is not a progress file kubelab can use. */
    private static Progress parse(String text) {
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(text);
        try {
            return fromYaml(doc);
        } catch (ClassCastException | NullPointerException | java.time.DateTimeException e) {
            // null entries, a wrong type or a bad date: say which, in the file's terms
            throw new IllegalArgumentException("unexpected content: " + oneLine(e), e);
        }
    }

    private String moveAside() {
        Path aside = file.resolveSibling("progress.corrupt-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(java.time.LocalDateTime.now()) + ".yaml");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return "kept it as " + aside;
        } catch (IOException moveFailed) {
            return "it stays where it is";
        }
    }

    /** One lock per file in this JVM; a FileLock guards against other processes (it cannot be taken twice in one JVM). */
    private static final Map<Path, Object> IN_PROCESS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Saves {@code p} merged with what is on disk now, under a lock (progress.lock): two REPLs on
     * the same file each keep the other's progress, and the file is never torn (temp file, forced,
     * renamed). A file on disk that is not a progress file is moved aside first.
     */
    public void save(Progress p) throws IOException {
        Files.createDirectories(file.getParent());
        synchronized (IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object())) {
            try (var lockChannel = java.nio.channels.FileChannel.open(file.resolveSibling("progress.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 var lock = lockChannel.lock()) {
                Progress toWrite = p;
                if (Files.exists(file)) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    try {
                        toWrite = Progress.merged(parse(text), p);
                    } catch (RuntimeException notProgress) {
                        moveAside();
                    }
                }
                write(toWrite);
            }
        }
    }

    private void write(Progress p) throws IOException {
        String yaml = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(toYaml(p));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(yaml.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        beforeRename.run();
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Map<String, Object> toYaml(Progress p) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", VERSION);
        if (p.currentLesson != null) {
            root.put("current", p.currentLesson);
        }
        Map<String, Object> lessons = new LinkedHashMap<>();
        p.lessons.forEach((id, lp) -> {
            Map<String, Object> l = new LinkedHashMap<>();
            if (lp.step != null) {
                l.put("step", lp.step);
            }
            l.put("done", lp.done);
            Map<String, Object> steps = new LinkedHashMap<>();
            lp.steps.forEach((sid, sp) -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("status", sp.status.name().toLowerCase());
                s.put("attempts", sp.attempts);
                List<Object> preds = new ArrayList<>();
                for (Progress.PredictionRecord r : sp.predictions) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", r.id());
                    m.put("answer", r.answer());
                    if (r.confidence() != null) {
                        m.put("confidence", r.confidence());
                    }
                    m.put("verdict", r.verdict());
                    m.put("at", r.at().toString());
                    preds.add(m);
                }
                if (!preds.isEmpty()) {
                    s.put("predictions", preds);
                }
                steps.put(sid, s);
            });
            l.put("steps", steps);
            lessons.put(id, l);
        });
        root.put("lessons", lessons);
        return root;
    }

    @SuppressWarnings("unchecked")
    static Progress fromYaml(Object doc) {
        if (!(doc instanceof Map<?, ?> rootAny)) {
            throw new IllegalArgumentException("not a progress file");
        }
        Map<String, Object> root = (Map<String, Object>) rootAny;
        Object v = root.get("version");
        if (!(v instanceof Integer i) || i != VERSION) {
            throw new IllegalArgumentException("unknown progress format version " + v);
        }
        Progress p = new Progress();
        p.currentLesson = (String) root.get("current");
        Map<String, Object> lessons = (Map<String, Object>) root.getOrDefault("lessons", Map.of());
        for (Map.Entry<String, Object> e : lessons.entrySet()) {
            Map<String, Object> l = (Map<String, Object>) e.getValue();
            Progress.LessonProgress lp = p.lesson(e.getKey());
            lp.step = (String) l.get("step");
            lp.done = Boolean.TRUE.equals(l.get("done"));
            Map<String, Object> steps = (Map<String, Object>) l.getOrDefault("steps", Map.of());
            for (Map.Entry<String, Object> se : steps.entrySet()) {
                Map<String, Object> s = (Map<String, Object>) se.getValue();
                Progress.StepProgress sp = lp.step(se.getKey());
                sp.status = Progress.Status.valueOf(String.valueOf(s.getOrDefault("status", "started")).toUpperCase());
                sp.attempts = ((Number) s.getOrDefault("attempts", 0)).intValue();
                for (Object o : (List<Object>) s.getOrDefault("predictions", List.of())) {
                    Map<String, Object> m = (Map<String, Object>) o;
                    Object conf = m.get("confidence");
                    sp.predictions.add(new Progress.PredictionRecord((String) m.get("id"), String.valueOf(m.get("answer")),
                            conf == null ? null : ((Number) conf).intValue(), (String) m.get("verdict"),
                            Instant.parse(String.valueOf(m.get("at")))));
                }
            }
        }
        return p;
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
