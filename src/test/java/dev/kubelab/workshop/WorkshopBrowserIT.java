package dev.kubelab.workshop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
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
 * histogram; an event posted while the page is open shows in it without a reload (its script
 * long-polls {@code /api/view?since=V}), read from the live page through the DevTools protocol.
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

            try (HeadlessChromium page = HeadlessChromium.open(chromium, tmp.resolve("profile"), url + "/?token=" + wf.token(),
                    Duration.ofSeconds(60))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (s.room().watching() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50); // the page's script is running once it waits on /api/view?since=V
                }
                assertTrue(s.room().watching() > 0, "the page follows the room: " + page.dom());
                String dom = page.dom();
                assertTrue(dom.contains("<table id=\"grid\""), dom);
                assertTrue(Pattern.compile("data-learner=\"ana\" data-count=\"3\"><th>ana</th><td>3</td><td class=\"passed\">✔</td>")
                        .matcher(dom).find(), "ana passed short-names in the grid:\n" + dom);
                assertTrue(dom.contains("data-learner=\"ben\" data-count=\"2\"><th>ben</th><td>2</td><td class=\"started\">▸</td>"), dom);
                assertTrue(dom.contains("data-prediction=\"cluster-dns/short-name-resolves\""), dom);
                assertTrue(dom.contains("data-answer=\"yes\" data-count=\"2\""), "two said yes:\n" + dom);
                assertTrue(dom.contains("data-answer=\"no\" data-count=\"1\""), "one said no:\n" + dom);
                assertTrue(dom.contains("does the short name garage resolve?"), dom);

                // an event posted while the page is open shows without a reload
                long t = System.nanoTime();
                post(url, "tc", "cem", List.of(Event.prediction("2", "cem", "cluster-dns", "short-names", "short-name-resolves", "no", 3,
                        true, System.currentTimeMillis())));
                long shownMs = -1;
                while (System.nanoTime() - t < TimeUnit.SECONDS.toNanos(10)) {
                    if (page.dom().contains("data-answer=\"no\" data-count=\"2\"")) {
                        shownMs = (System.nanoTime() - t) / 1_000_000;
                        break;
                    }
                    Thread.sleep(20);
                }
                dom = page.dom();
                assertTrue(shownMs >= 0, "cem's new answer shows in the open page within 10 s:\n" + dom);
                assertTrue(dom.contains("data-learner=\"cem\" data-count=\"2\""), dom);
                assertTrue(Pattern.compile("id=\"updated\">updated ").matcher(dom).find(), "the page says when it last changed:\n" + dom);
                System.out.println("WorkshopBrowserIT: a posted event showed in the open dashboard after " + shownMs + " ms");
            }
        }
    }

    private static void post(String url, String token, String learner, List<Event> events) {
        EventClient c = new EventClient(url, token, learner, w -> { });
        assertInstanceOf(EventClient.Outcome.Stored.class, c.post(events));
        c.close();
    }
}
