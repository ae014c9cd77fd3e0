package dev.kubelab.workshop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The instructor's dashboard in headless Chromium (Debian's package; run-tests installs it): after
 * learners posted events, the rendered page shows them in the progress grid and in a prediction's
 * histogram, and its script refreshed the room from {@code /api/view}.
 */
class WorkshopBrowserIT {

    @TempDir
    Path tmp;

    static Path chromium() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return fail("headless Chromium not found: apt-get install -y chromium (./run-tests installs it)");
    }

    @Test
    void dashboardShowsTheGridAndAHistogram() throws Exception {
        Path chromium = chromium();
        WorkshopFile wf = new WorkshopFile("browser", "instructor-token", Map.of("ana", "ta", "ben", "tb", "cem", "tc"),
                List.of("cluster-dns"), "http://127.0.0.1");
        try (WorkshopServer s = WorkshopServer.start(wf, tmp.resolve("events"), "127.0.0.1", 0,
                List.of("cluster-dns/short-names", "cluster-dns/fqdn"),
                Map.of("cluster-dns/short-name-resolves", "From the trino pod, does the short name garage resolve?"))) {
            String url = "http://127.0.0.1:" + s.port();
            long now = System.currentTimeMillis();
            post(url, "ta", "ana", List.of(Event.step("1", "ana", "cluster-dns", "short-names", "started", now),
                    Event.prediction("2", "ana", "cluster-dns", "short-names", "short-name-resolves", "yes", 4, false, now),
                    Event.step("3", "ana", "cluster-dns", "short-names", "passed", now)));
            post(url, "tb", "ben", List.of(Event.step("1", "ben", "cluster-dns", "short-names", "started", now),
                    Event.prediction("2", "ben", "cluster-dns", "short-names", "short-name-resolves", "no", 5, true, now)));
            post(url, "tc", "cem", List.of(Event.prediction("1", "cem", "cluster-dns", "short-names", "short-name-resolves", "yes", 2,
                    false, now)));

            String dom = dumpDom(chromium, url + "/?token=" + wf.token());
            assertTrue(dom.contains("<table id=\"grid\""), dom);
            assertTrue(Pattern.compile("data-learner=\"ana\" data-count=\"3\"><th>ana</th><td>3</td><td class=\"passed\">✔</td>")
                    .matcher(dom).find(), "ana passed short-names in the grid:\n" + dom);
            assertTrue(dom.contains("data-learner=\"ben\" data-count=\"2\"><th>ben</th><td>2</td><td class=\"started\">▸</td>"), dom);
            assertTrue(dom.contains("data-prediction=\"cluster-dns/short-name-resolves\""), dom);
            assertTrue(dom.contains("data-answer=\"yes\" data-count=\"2\""), "two said yes:\n" + dom);
            assertTrue(dom.contains("data-answer=\"no\" data-count=\"1\""), "one said no:\n" + dom);
            assertTrue(dom.contains("does the short name garage resolve?"), dom);
            assertTrue(Pattern.compile("id=\"updated\">updated ").matcher(dom).find(),
                    "the page's script refreshed the room from /api/view:\n" + dom);
        }
    }

    private static void post(String url, String token, String learner, List<Event> events) {
        EventClient c = new EventClient(url, token, learner, w -> { });
        assertInstanceOf(EventClient.Outcome.Stored.class, c.post(events));
        c.close();
    }

    private String dumpDom(Path chromium, String url) throws Exception {
        List<String> argv = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + tmp.resolve("profile"), "--virtual-time-budget=5000",
                "--dump-dom", url));
        Path out = tmp.resolve("dom.html");
        Path err = tmp.resolve("chromium.log");
        Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("headless Chromium did not finish within 90 s: " + Files.readString(err));
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
