package dev.kubelab.lesson;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterBlock;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import dev.kubelab.kube.CommandScript;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown lesson → {@link Lesson}. Front matter holds the metadata, each {@code ##} heading
 * starts a step, and fenced blocks whose info word is a block type carry the machinery. Every
 * problem found is collected with its line; a lesson with problems is not returned.
 */
public final class LessonParser {

    /** Block types with meaning to kubelab. */
    public static final Set<String> TYPED = Set.of("setup", "prediction", "check", "hint", "solution", "wrong",
            "cleanup", "remember", "kubectl", "shell", "java");
    /** Display-only code in prose. */
    public static final Set<String> DISPLAY = Set.of("", "bash", "sh", "console", "yaml", "json", "text", "output",
            "sql", "properties", "ini", "diff");

    private static final Pattern STEP_ID = Pattern.compile("\\s*\\{#([a-z0-9][a-z0-9-]*)}\\s*$");

    private final Parser markdown;
    private final BlockYaml yaml = new BlockYaml();

    public LessonParser() {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(YamlFrontMatterExtension.create()));
        this.markdown = Parser.builder(options).build();
    }

    public record Result(Lesson lesson, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Result parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return new Result(null, List.of(new Problem(file, 1, "cannot read lesson: " + e.getMessage())));
        }
        return parse(file, text);
    }

    public Result parse(Path file, String text) {
        List<Problem> problems = new ArrayList<>();
        Document doc = markdown.parse(text);
        Map<String, Object> front = null;
        List<Block> intro = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        List<Block> current = intro;
        String stepTitle = null;
        String stepId = null;
        int stepLine = 0;
        String title = null;
        StringBuilder prose = new StringBuilder();
        int proseLine = -1;
        Set<String> stepIds = new HashSet<>();

        int[] lineStarts = lineStarts(text);
        for (Node node = doc.getFirstChild(); node != null; node = node.getNext()) {
            // flexmark's getStartLineNumber() counts newlines from the top on every call: quadratic in the lesson
            int line = lineAt(lineStarts, node.getStartOffset()) + 1;
            if (node instanceof YamlFrontMatterBlock) {
                front = frontMatter(file, node.getChars().toString(), line, problems);
                continue;
            }
            if (node instanceof Heading h && h.getLevel() <= 2) {
                flushProse(prose, proseLine, current);
                proseLine = -1;
                if (h.getLevel() == 1) {
                    if (title == null && steps.isEmpty() && stepTitle == null) {
                        title = h.getText().toString().strip();
                        continue;
                    }
                    problems.add(new Problem(file, line, "only one # title per lesson; steps use ## headings"));
                    continue;
                }
                if (stepTitle != null) {
                    steps.add(new Step(stepId, stepTitle, stepLine, current));
                }
                String headingText = h.getText().toString().strip();
                Matcher idm = STEP_ID.matcher(headingText);
                if (idm.find()) {
                    stepId = idm.group(1);
                    headingText = headingText.substring(0, idm.start()).strip();
                } else {
                    stepId = slug(headingText);
                }
                if (!stepIds.add(stepId)) {
                    problems.add(new Problem(file, line, "duplicate step id '" + stepId + "'"));
                }
                stepTitle = headingText;
                stepLine = line;
                current = new ArrayList<>();
                continue;
            }
            if (node instanceof FencedCodeBlock f) {
                String[] infoWords = f.getInfo().toString().strip().split("\\s+");
                String info = infoWords[0].toLowerCase(Locale.ROOT);
                if (TYPED.contains(info)) {
                    flushProse(prose, proseLine, current);
                    proseLine = -1;
                    String body = f.getContentChars().toString();
                    if (info.equals("setup") && infoWords.length > 1) {
                        body = includes(file, infoWords, line, problems) + body;
                    }
                    Block b = typedBlock(file, info, body, line, problems);
                    if (b != null) {
                        current.add(b);
                    }
                    continue;
                }
                if (!DISPLAY.contains(info)) {
                    problems.add(new Problem(file, line, "unknown block type '" + info + "' (typed: "
                            + String.join(", ", TYPED.stream().sorted().toList()) + "; display: "
                            + String.join(", ", DISPLAY.stream().filter(s -> !s.isEmpty()).sorted().toList()) + ")"));
                    continue;
                }
            }
            if (proseLine < 0) {
                proseLine = line;
            }
            prose.append(node.getChars()).append("\n\n");
        }
        flushProse(prose, proseLine, current);
        if (stepTitle != null) {
            steps.add(new Step(stepId, stepTitle, stepLine, current));
        }
        Lesson lesson = null;
        if (front == null) {
            problems.add(new Problem(file, 1, "missing front matter: start the file with --- id/title/summary/minutes/namespaces ---"));
        } else {
            lesson = FrontMatter.lesson(file, front, title, intro, steps, problems);
        }
        if (steps.isEmpty()) {
            problems.add(new Problem(file, 1, "a lesson needs at least one step (a ## heading)"));
        }
        if (lesson != null) {
            // a block that did not parse is missing from its step: don't also call the step empty
            problems.addAll(LessonLinter.lint(lesson, problems.isEmpty()));
        }
        List<Problem> distinct = new ArrayList<>(new LinkedHashSet<>(problems));
        distinct.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new Result(distinct.isEmpty() ? lesson : null, List.copyOf(distinct));
    }

    /** {@code ```setup platform/garage.yaml ...}: files beside the lesson, prepended to the block. */
    private static String includes(Path file, String[] infoWords, int line, List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        Path dir = file.toAbsolutePath().getParent();
        for (int i = 1; i < infoWords.length; i++) {
            Path inc = dir.resolve(infoWords[i]).normalize();
            if (!inc.startsWith(dir)) {
                problems.add(new Problem(file, line, "setup include '" + infoWords[i] + "' must stay inside the lesson folder"));
                continue;
            }
            try {
                sb.append(Files.readString(inc)).append("\n---\n");
            } catch (IOException e) {
                problems.add(new Problem(file, line, "setup include '" + infoWords[i] + "' cannot be read (" + inc + ")"));
            }
        }
        return sb.toString();
    }

    private static void flushProse(StringBuilder prose, int line, List<Block> into) {
        if (prose.length() > 0 && !prose.toString().isBlank()) {
            into.add(new Block.Prose(prose.toString().strip(), line));
        }
        prose.setLength(0);
    }

    private Map<String, Object> frontMatter(Path file, String raw, int line, List<Problem> problems) {
        String body = raw.strip();
        body = body.replaceFirst("^---\\s*\\n", "").replaceFirst("\\n?---\\s*$", "");
        Object loaded = yaml.load(file, body, line, problems);
        if (loaded == null && problems.isEmpty()) {
            problems.add(new Problem(file, line, "front matter is empty"));
        }
        if (loaded != null && !(loaded instanceof Map<?, ?>)) {
            problems.add(new Problem(file, line, "front matter must be key: value lines"));
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) loaded;
        return m;
    }

    private Block typedBlock(Path file, String type, String body, int line, List<Problem> problems) {
        switch (type) {
            case "setup":
                return new Block.Setup(body, line, yaml.objects(file, body, line, problems));
            case "hint":
                return new Block.Hint(body.strip(), line);
            case "kubectl":
                return new Block.Cell(Block.Cell.Language.KUBECTL, body.strip(), line);
            case "shell":
                return new Block.Cell(Block.Cell.Language.SHELL, body.strip(), line);
            case "java":
                return new Block.Cell(Block.Cell.Language.JAVA, body.strip(), line);
            case "solution":
                return new Block.Solution(CommandScript.split(body), line);
            case "cleanup":
                return new Block.Cleanup(CommandScript.split(body), line);
            default:
                break;
        }
        Object loaded = yaml.load(file, body, line, problems);
        if (loaded == null) {
            if (problems.isEmpty() || problems.get(problems.size() - 1).line() < line) {
                problems.add(new Problem(file, line, type + " block is empty"));
            }
            return null;
        }
        try {
            Map<String, Object> m = SpecReader.map(loaded, type);
            return switch (type) {
                case "prediction" -> new Block.Prediction(SpecReader.prediction(m, line));
                case "check" -> new Block.Check(SpecReader.check(m, line));
                case "remember" -> {
                    Map<String, dev.kubelab.probe.ProbeSpec> probes = new LinkedHashMap<>();
                    for (Map.Entry<String, Object> e : m.entrySet()) {
                        probes.put(e.getKey(), SpecReader.probe(e.getValue(), e.getKey()));
                    }
                    yield new Block.Remember(probes, line);
                }
                case "wrong" -> wrong(m, line);
                default -> throw new IllegalStateException(type);
            };
        } catch (SpecReader.SpecException e) {
            problems.add(new Problem(file, line + lineOf(body, e.key), type + ": " + e.getMessage()));
            return null;
        }
    }

    private static Block.Wrong wrong(Map<String, Object> m, int line) throws SpecReader.SpecException {
        SpecReader.allowOnly(m, Set.of("check", "prediction", "run", "answer", "why", "refused", "shows"));
        String check = SpecReader.str(m.get("check"));
        String prediction = SpecReader.str(m.get("prediction"));
        if ((check == null) == (prediction == null)) {
            throw new SpecReader.SpecException("why", "wrong needs exactly one of check: or prediction:");
        }
        if (check != null && m.get("run") == null) {
            throw new SpecReader.SpecException("check", "wrong answer for a check needs run: (the mistaken commands)");
        }
        if (prediction != null && m.get("answer") == null) {
            throw new SpecReader.SpecException("prediction", "wrong answer for a prediction needs answer:");
        }
        List<String> commands = m.get("run") == null ? List.of() : CommandScript.split(String.valueOf(m.get("run")));
        boolean refused = Boolean.TRUE.equals(m.get("refused"));
        if (refused && commands.isEmpty()) {
            throw new SpecReader.SpecException("refused", "refused: true needs run: (the command kubectl refuses)");
        }
        if (m.get("shows") != null && check == null) {
            throw new SpecReader.SpecException("shows", "shows: describes what a check sees after the mistake; a prediction's wrong answer has none");
        }
        if (m.get("shows") != null && refused) {
            throw new SpecReader.SpecException("shows", "a refused mistake changes nothing in the cluster: it shows nothing");
        }
        return new Block.Wrong(check, prediction, commands, SpecReader.str(m.get("answer")),
                SpecReader.required(m, "why"), line, refused, m.get("shows") == null ? null : SpecReader.expectation(m.get("shows")));
    }

    /** Offsets at which each line of {@code text} starts (line 0 at offset 0). */
    static int[] lineStarts(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        int[] starts = new int[n];
        int k = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }

    /** The 0-based line holding {@code offset}. */
    static int lineAt(int[] lineStarts, int offset) {
        int i = java.util.Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i : -i - 2;
    }

    /** Lines into a block's body where {@code key:} first appears (0 when not found). */
    static int lineOf(String body, String key) {
        String[] lines = body.split("\n");
        Pattern p = Pattern.compile("^\\s*(-\\s*)?" + Pattern.quote(key) + "\\s*:");
        for (int i = 0; i < lines.length; i++) {
            if (p.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[`*_]", "").replaceAll("[^a-z0-9]+", "-");
        return s.replaceAll("^-+|-+$", "");
    }
}
