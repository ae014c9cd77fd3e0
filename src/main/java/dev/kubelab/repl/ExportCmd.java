package dev.kubelab.repl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

final class ExportCmd implements SlashCommand {
    public String name() {
        return "export";
    }

    public String args() {
        return "[FILE]";
    }

    public String help() {
        return "save this session as a Markdown notebook (and HTML beside it)";
    }

    public void run(Repl repl, String args) {
        String name = args.strip();
        if (name.isEmpty()) {
            String lesson = repl.session().lesson() == null ? "session" : repl.session().lesson().id();
            name = "kubelab-" + lesson + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").format(LocalDateTime.now()) + ".md";
        }
        Path md = Path.of(name).toAbsolutePath();
        if (!md.getFileName().toString().endsWith(".md")) {
            md = md.resolveSibling(md.getFileName() + ".md");
        }
        String base = md.getFileName().toString();
        Path html = md.resolveSibling(base.substring(0, base.length() - 3) + ".html");
        try {
            String title = repl.session().lesson() == null ? "kubelab session" : "kubelab: " + repl.session().lesson().title();
            TranscriptExport.write(repl.console().transcript().entries(), title, md, html);
            repl.console().println("Saved " + md + " and " + html.getFileName() + " (kubeconfig tokens redacted).");
        } catch (IOException e) {
            repl.console().warn("couldn't write " + md + ": " + e.getMessage());
        }
    }
}
