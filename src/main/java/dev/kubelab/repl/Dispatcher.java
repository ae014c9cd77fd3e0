package dev.kubelab.repl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds the {@code /command} a line names; unknown names get a "did you mean". */
final class Dispatcher {

    private final Map<String, SlashCommand> commands = new LinkedHashMap<>();

    Dispatcher() {
        for (SlashCommand c : List.of(new HelpCmd(), new LessonsCmd(), new OpenCmd(), new NextCmd(), new PrevCmd(),
                new StepCmd(), new CheckCmd(), new HintCmd(), new SolutionCmd(), new SkipCmd(), new ResetCmd(),
                new WhyCmd(), new JobsCmd(), new KillCmd(), new ExportCmd(), new StatusCmd(), new QuitCmd())) {
            commands.put(c.name(), c);
        }
    }

    List<SlashCommand> all() {
        return new ArrayList<>(commands.values());
    }

    void dispatch(Repl repl, String line) {
        String body = line.strip().substring(1);
        int sp = body.indexOf(' ');
        String name = (sp < 0 ? body : body.substring(0, sp)).toLowerCase(java.util.Locale.ROOT);
        String args = sp < 0 ? "" : body.substring(sp + 1).strip();
        SlashCommand c = commands.get(name);
        if (c == null) {
            String guess = suggest(name);
            repl.console().println("Unknown command /" + name + "." + (guess == null ? "" : " Did you mean /" + guess + "?")
                    + " (/help lists them)");
            return;
        }
        c.run(repl, args);
    }

    /** The closest command name (a unique prefix, or within two edits), or null. */
    String suggest(String name) {
        List<String> prefixed = commands.keySet().stream().filter(k -> !name.isEmpty() && k.startsWith(name)).toList();
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        return commands.keySet().stream().filter(k -> distance(k, name) <= 2)
                .min(Comparator.comparingInt(k -> distance(k, name))).orElse(null);
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
