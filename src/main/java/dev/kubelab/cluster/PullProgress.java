package dev.kubelab.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Folds Docker's per-layer pull events into one bar: {@code pulling IMAGE [#####.....] 48% 231/480 MB}.
 * Emits a line when the percentage moves by at least 5 points (and at the end), so a slow pull
 * shows steady progress without flooding the terminal.
 */
final class PullProgress {

    private static final int WIDTH = 20;

    private final String image;
    private final Consumer<String> sink;
    private final Map<String, long[]> layers = new HashMap<>();
    private int lastPercent = -5;

    PullProgress(String image, Consumer<String> sink) {
        this.image = image;
        this.sink = sink;
    }

    /** One event of the pull: layer id, status text, bytes done and total (null when unknown). */
    void event(String layer, String status, Long current, Long total) {
        if (layer == null) {
            return;
        }
        long[] l = layers.computeIfAbsent(layer, k -> new long[2]);
        if (total != null && total > 0) {
            l[1] = total;
        }
        if (current != null && current >= 0 && "Downloading".equals(status)) {
            l[0] = Math.min(current, l[1] > 0 ? l[1] : current);
        }
        if (status != null && (status.startsWith("Download complete") || status.startsWith("Pull complete")
                || status.startsWith("Already exists"))) {
            l[0] = l[1];
        }
        int p = percent();
        if (p >= lastPercent + 5) {
            lastPercent = p;
            sink.accept(line());
        }
    }

    int percent() {
        long done = 0;
        long all = 0;
        for (long[] l : layers.values()) {
            done += l[0];
            all += l[1];
        }
        return all == 0 ? 0 : (int) Math.min(100, done * 100 / all);
    }

    String line() {
        long done = 0;
        long all = 0;
        for (long[] l : layers.values()) {
            done += l[0];
            all += l[1];
        }
        int p = percent();
        int filled = p * WIDTH / 100;
        return String.format("pulling %s [%s%s] %3d%% %d/%d MB", image, "#".repeat(filled), ".".repeat(WIDTH - filled), p,
                done >> 20, all >> 20);
    }
}
