package dev.kubelab.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A transcript as a Markdown notebook and a standalone HTML page; credentials redacted. */
final class TranscriptExport {

    private TranscriptExport() {
    }

    static void write(List<Transcript.Entry> entries, String title, Path markdown, Path html) throws IOException {
        if (markdown.getParent() != null) {
            Files.createDirectories(markdown.getParent());
        }
        Files.writeString(markdown, markdown(entries, title), StandardCharsets.UTF_8);
        Files.writeString(html, html(entries, title), StandardCharsets.UTF_8);
    }

    static String markdown(List<Transcript.Entry> entries, String title) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (Transcript.Entry e : entries) {
            String text = Redactor.redact(e.text());
            switch (e.kind()) {
                case HEADING -> sb.append("## ").append(text.strip()).append("\n\n");
                case INPUT -> {
                    if ("answer".equals(e.lang())) {
                        sb.append("> **Answer:** ").append(text.strip()).append("\n\n");
                    } else {
                        sb.append("```").append(fence(e.lang())).append('\n').append(text.strip()).append("\n```\n\n");
                    }
                }
                case OUTPUT -> {
                    if (!text.isBlank()) {
                        String body = stripTrailingBlank(text);
                        String ticks = body.contains("```") ? "````" : "```";
                        sb.append(ticks).append("text\n").append(body).append('\n').append(ticks).append("\n\n");
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String fence(String lang) {
        if (lang == null) {
            return "";
        }
        return switch (lang) {
            case "kubectl", "shell" -> "bash";
            case "java" -> "java";
            default -> "";
        };
    }

    static String html(List<Transcript.Entry> entries, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
                        + "line-height:1.45}pre{padding:.6em .8em;border-radius:4px;overflow-x:auto}"
                        + "pre.in{background:#eef3fb;border-left:4px solid #3b6fc1}pre.out{background:#f6f6f6}"
                        + "p.answer{border-left:4px solid #8a5cc4;padding-left:.6em}h2{border-bottom:1px solid #ddd}"
                        + "</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
        for (Transcript.Entry e : entries) {
            String text = Redactor.redact(e.text());
            switch (e.kind()) {
                case HEADING -> sb.append("<h2>").append(esc(text.strip())).append("</h2>\n");
                case INPUT -> {
                    if ("answer".equals(e.lang())) {
                        sb.append("<p class=\"answer\"><b>Answer:</b> ").append(esc(text.strip())).append("</p>\n");
                    } else {
                        sb.append("<pre class=\"in\"><code>").append(esc(prompt(e.lang())) + esc(text.strip())).append("</code></pre>\n");
                    }
                }
                case OUTPUT -> {
                    if (!text.isBlank()) {
                        sb.append("<pre class=\"out\">").append(esc(stripTrailingBlank(text))).append("</pre>\n");
                    }
                }
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    private static String prompt(String lang) {
        return "command".equals(lang) ? "" : "kubelab> ";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String stripTrailingBlank(String s) {
        return s.replaceAll("\\s+$", "");
    }
}
