package dev.kubelab.workshop;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium with one page open, read through the DevTools protocol (a WebSocket):
 * the page keeps running — a long-polling dashboard never lets {@code --dump-dom} finish — and the
 * test reads its live DOM whenever it wants.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CompletableFuture<String> reply = new CompletableFuture<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    static HeadlessChromium open(Path chromium, Path profile, String url, Duration startup) throws Exception {
        Files.createDirectories(profile);
        Process p = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0", url))
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            // Chromium writes the port it chose to DevToolsActivePort in the profile
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + startup.toNanos();
            while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).isEmpty()) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new IOException("headless Chromium did not open its DevTools port within " + startup.toSeconds() + " s: "
                            + Files.readString(profile.resolve("chromium.log")));
                }
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            HttpClient http = HttpClient.newHttpClient();
            String ws = null;
            while (ws == null) {
                JsonNode pages = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode page : pages) {
                    if ("page".equals(page.path("type").asString()) && page.path("url").asString().startsWith(url.substring(0, 20))) {
                        ws = page.path("webSocketDebuggerUrl").asString();
                    }
                }
                if (ws == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("headless Chromium has no page for " + url);
                    }
                    Thread.sleep(100);
                }
            }
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        String message = text.toString();
                        text.setLength(0);
                        if (self[0] != null && message.contains("\"id\":")) {
                            self[0].reply.complete(message);
                        }
                    }
                    w.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(p, socket);
            return self[0];
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** Evaluates a JavaScript expression in the page; its value as a string. */
    synchronized String eval(String expression) throws Exception {
        reply = new CompletableFuture<>();
        String msg = JSON.writeValueAsString(java.util.Map.of("id", ids.incrementAndGet(), "method", "Runtime.evaluate",
                "params", java.util.Map.of("expression", expression, "returnByValue", true)));
        socket.sendText(msg, true).get(10, TimeUnit.SECONDS);
        JsonNode r = JSON.readTree(reply.get(20, TimeUnit.SECONDS));
        return r.path("result").path("result").path("value").asString();
    }

    /** The page's live DOM. */
    String dom() throws Exception {
        return eval("document.documentElement.outerHTML");
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
