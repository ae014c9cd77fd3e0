package dev.kubelab.workshop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The instructor's server on loopback: tokens, malformed events, nothing lost across a restart, the dashboard's content. */
class WorkshopServerTest {

    @TempDir
    Path dir;

    static final WorkshopFile WS = new WorkshopFile("ut", "instructor-token", Map.of("a", "token-a", "b", "token-b"),
            List.of("cluster-dns"), "http://127.0.0.1:0");
    final HttpClient http = HttpClient.newHttpClient();

    private WorkshopServer start() throws Exception {
        return WorkshopServer.start(WS, dir.resolve("events"), "127.0.0.1", 0, List.of("cluster-dns/short-names"),
                Map.of("cluster-dns/short-name-resolves", "From the trino pod, does the short name garage resolve?"));
    }

    private HttpResponse<String> post(WorkshopServer s, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/events"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(WorkshopServer s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The dashboard as the instructor's browser asks for it after opening /?token=T: with the cookie. */
    private HttpResponse<String> page(WorkshopServer s) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/"))
                .header("Cookie", WorkshopServer.COOKIE + "=instructor-token").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badInputIsRefusedWithOneLineAndNothingStored() throws Exception {
        try (WorkshopServer s = start()) {
            HttpResponse<String> wrong = post(s, "nope", Event.step("e1", "a", "cluster-dns", "short-names", "started", 1).toJson());
            assertEquals(401, wrong.statusCode());
            assertEquals("wrong or missing token for workshop ut", wrong.body().strip());
            HttpResponse<String> notJson = post(s, "token-a", "{type: step");
            assertEquals(400, notJson.statusCode());
            assertTrue(notJson.body().startsWith("malformed event: not JSON"), notJson.body());
            assertEquals(1, notJson.body().strip().lines().count());
            HttpResponse<String> badType = post(s, "token-a", "{\"id\":\"x\",\"type\":\"hack\",\"lesson\":\"l\",\"step\":\"s\",\"at\":1}");
            assertEquals("malformed event: 'type' must be step, check or prediction, not 'hack'", badType.body().strip());
            HttpResponse<String> badConf = post(s, "token-a", Event.prediction("p", "a", "l", "s", "q", "yes", 9, true, 1).toJson());
            assertEquals("malformed event: 'confidence' must be 1 to 5", badConf.body().strip());
            HttpResponse<String> someoneElse = post(s, "token-a", Event.step("e2", "b", "cluster-dns", "short-names", "started", 1).toJson());
            assertEquals(403, someoneElse.statusCode());
            assertTrue(someoneElse.body().contains("this token belongs to 'a'"), someoneElse.body());
            assertEquals(0, s.stored());
        }
    }

    @Test
    void learnersCannotReadTheRoom() throws Exception {
        try (WorkshopServer s = start()) {
            assertEquals(401, get(s, "/api/view?token=token-a").statusCode());
            assertEquals(401, get(s, "/?token=token-a").statusCode());
            assertEquals(401, get(s, "/").statusCode());
            assertEquals(303, get(s, "/?token=instructor-token").statusCode());
            assertEquals(200, page(s).statusCode());
        }
    }

    @Test
    void eventsSurviveARestartAndRetriesAreStoredOnce() throws Exception {
        try (WorkshopServer s = start()) {
            EventClient client = new EventClient("http://127.0.0.1:" + s.port(), "token-a", "a", w -> { });
            Event e = Event.prediction("p1", "a", "cluster-dns", "short-names", "short-name-resolves", "yes", 4, false, 1000);
            assertInstanceOf(EventClient.Outcome.Stored.class, client.post(List.of(e)));
            assertInstanceOf(EventClient.Outcome.Stored.class, client.post(List.of(e)));
            assertInstanceOf(EventClient.Outcome.Stored.class, client.post(List.of(
                    Event.step("s1", "a", "cluster-dns", "short-names", "started", 1000))));
            client.close();
            assertEquals(2, s.stored());
        }
        try (WorkshopServer s = start()) {
            assertEquals(2, s.stored());
            assertEquals(Map.of("a", 2L, "b", 0L), s.room().counts());
            String page = page(s).body();
            assertTrue(page.contains("data-learner=\"a\" data-count=\"2\""), page);
            assertTrue(page.contains("data-prediction=\"cluster-dns/short-name-resolves\""), page);
            assertTrue(page.contains("data-answer=\"yes\" data-count=\"1\""), page);
            assertTrue(page.contains("does the short name garage resolve?"), page);
        }
    }

    @Test
    void aClientRetriesWhileTheServerIsAway() throws Exception {
        int port;
        try (WorkshopServer s = start()) {
            port = s.port();
        }
        java.util.concurrent.CountDownLatch away = new java.util.concurrent.CountDownLatch(1);
        EventClient client = new EventClient("http://127.0.0.1:" + port, "token-a", "a", w -> {
            if (w.contains("server not reachable")) {
                away.countDown();
            }
        });
        client.send(Event.check("c1", "a", "cluster-dns", "short-names", false, 5));
        // the client has met the absent server (and will retry) before the server comes back
        assertTrue(away.await(10, java.util.concurrent.TimeUnit.SECONDS), "the client never reported the server away");
        try (WorkshopServer s = WorkshopServer.start(WS, dir.resolve("events"), "127.0.0.1", port, List.of("cluster-dns/short-names"),
                Map.of())) {
            assertTrue(client.flush(java.time.Duration.ofSeconds(15)));
            assertEquals(1, s.stored());
        }
        client.close();
    }

    @Test
    void anUnknownTokenIsRefusedNotRetried() {
        EventClient.Outcome o;
        try (WorkshopServer s = start()) {
            o = new EventClient("http://127.0.0.1:" + s.port(), "forged", "a", w -> { })
                    .post(List.of(Event.step("x", "a", "l", "s", "started", 1)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        EventClient.Outcome.Refused r = assertInstanceOf(EventClient.Outcome.Refused.class, o);
        assertEquals(401, r.status());
        assertFalse(r.message().isEmpty());
    }

    @Test
    void theDashboardLearnsOfAnEventWithoutPolling() throws Exception {
        try (WorkshopServer s = start()) {
            HttpResponse<String> first = get(s, "/api/view?token=instructor-token");
            long version = Long.parseLong(first.headers().firstValue("X-Room-Version").orElseThrow());
            var waiting = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                    + "/api/view?since=" + version + "&token=instructor-token")).build(), HttpResponse.BodyHandlers.ofString());
            // the request is parked on the room (not answered, not polling) until an event changes it
            long parkedBy = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (s.room().watching() == 0 && System.nanoTime() < parkedBy) {
                Thread.sleep(5);
            }
            assertEquals(1, s.room().watching(), "the long-poll is not waiting on the room");
            assertFalse(waiting.isDone(), "the view did not change: the request waits");
            long t = System.nanoTime();
            assertEquals(200, post(s, "token-b", Event.step("w1", "b", "cluster-dns", "short-names", "started", 1).toJson()).statusCode());
            HttpResponse<String> changed = waiting.get(5, java.util.concurrent.TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t) / 1_000_000;
            assertEquals(Long.toString(version + 1), changed.headers().firstValue("X-Room-Version").orElseThrow());
            assertTrue(changed.body().contains("data-learner=\"b\" data-count=\"1\""), changed.body());
            assertTrue(ms < 2000, "answered " + ms + " ms after the post");
            assertEquals(400, get(s, "/api/view?since=x&token=instructor-token").statusCode());
            assertEquals(401, get(s, "/api/view?since=0&token=token-a").statusCode());
        }
    }

    @Test
    void aTenMegabyteChunkedBodyIsRefusedAndTheServerStaysUp() throws Exception {
        try (WorkshopServer s = start()) {
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            // an InputStream publisher has no length: the client sends it chunked
            java.util.function.Supplier<java.io.InputStream> tenMb = () -> new java.io.SequenceInputStream(
                    java.util.Collections.enumeration(java.util.Collections.nCopies(160, chunk).stream()
                            .map(b -> (java.io.InputStream) new java.io.ByteArrayInputStream(b)).toList()));
            HttpResponse<String> r;
            try {
                r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/events"))
                        .header("Authorization", "Bearer token-a")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(tenMb)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(413, r.statusCode(), r.body());
            } catch (java.io.IOException closedMidUpload) {
                // the server may close the connection once it has refused: also a refusal, as long as it stays up
            }
            assertEquals(0, s.stored());
            assertEquals(200, post(s, "token-a", Event.step("after", "a", "cluster-dns", "short-names", "started", 1).toJson()).statusCode());
        }
    }

    @Test
    void tenThousandUnknownStepsAreRefusedAndTheRoomDoesNotGrow() throws Exception {
        try (WorkshopServer s = start()) {
            String before = s.room().html(0);
            int refused = 0;
            for (int batch = 0; batch < 20; batch++) {
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < 500; i++) {
                    body.append(i > 0 ? "," : "").append(Event.step("u" + batch + "-" + i, "a", "cluster-dns", "made-up-" + batch + "-" + i,
                            "started", 1).toJson());
                }
                HttpResponse<String> r = post(s, "token-a", body.append(']').toString());
                if (r.statusCode() == 422) {
                    refused++;
                    assertTrue(r.body().startsWith("event for step 'cluster-dns/made-up-"), r.body());
                } else {
                    assertEquals(429, r.statusCode(), r.body());
                }
            }
            assertTrue(refused > 0);
            HttpResponse<String> prediction = post(s, "token-b", Event.prediction("q", "b", "cluster-dns", "short-names",
                    "invented-question", "yes", 3, true, 1).toJson());
            assertEquals(422, prediction.statusCode(), prediction.body());
            assertEquals(0, s.stored());
            assertEquals(before, s.room().html(0), "the room's view changed");
        }
    }

    @Test
    void oneTokensFloodIsSlowedAndOtherLearnersAreNot() throws Exception {
        try (WorkshopServer s = start()) {
            // as fast as this machine posts: the limiter must answer 429 once a's accepted posts exceed the burst
            // plus the refill over the time taken (however slow a loaded machine is), and never before the burst
            int accepted = 0;
            int limited = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < 2000 && limited < 20; i++) {
                int code = post(s, "token-a", Event.step("f" + i, "a", "cluster-dns", "short-names", "started", 1).toJson()).statusCode();
                if (code == 429) {
                    limited++;
                } else {
                    assertEquals(200, code);
                    accepted++;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(20, limited, "a flood of posts from one token was never answered 429 (" + accepted + " accepted in " + seconds + " s)");
            assertTrue(accepted >= 40, "the burst of 40 was not granted: " + accepted);
            assertTrue(accepted <= 40 + 20 * seconds + 2, accepted + " accepted in " + seconds + " s: more than burst 40 + 20/s");
            assertEquals(200, post(s, "token-b", Event.step("b1", "b", "cluster-dns", "short-names", "started", 1).toJson()).statusCode(),
                    "another learner is slowed by a's flood");
        }
    }

    @Test
    void overTlsOnlyThePinnedCertificateIsTrusted() throws Exception {
        java.nio.file.Path certDir = java.nio.file.Files.createDirectories(dir.resolve("ws"));
        String fingerprint = ServerCertificate.create(certDir, "127.0.0.1");
        assertTrue(fingerprint.matches("SHA256(:[0-9A-F]{2}){32}"), fingerprint);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(certDir.resolve(ServerCertificate.KEYSTORE))));
        ServerCertificate.Keystore ks = ServerCertificate.Keystore.in(certDir);
        assertEquals(fingerprint, ks.fingerprint());
        try (WorkshopServer s = WorkshopServer.start(WS, dir.resolve("events"), "127.0.0.1", 0, List.of("cluster-dns/short-names"),
                Map.of(), ks)) {
            String url = "https://127.0.0.1:" + s.port();
            EventClient pinned = new EventClient(url, fingerprint, "token-a", "a", w -> { });
            assertInstanceOf(EventClient.Outcome.Stored.class,
                    pinned.post(List.of(Event.step("t1", "a", "cluster-dns", "short-names", "started", 1))));
            // another certificate's fingerprint (a server someone else stands up): nothing is sent
            String other = ServerCertificate.create(java.nio.file.Files.createDirectories(dir.resolve("other")), "127.0.0.1");
            EventClient impostor = new EventClient(url, other, "token-a", "a", w -> { });
            EventClient.Outcome o = impostor.post(List.of(Event.step("t2", "a", "cluster-dns", "short-names", "started", 1)));
            assertInstanceOf(EventClient.Outcome.Unreachable.class, o);
            // the JVM's own trust store does not know the workshop's certificate either
            assertInstanceOf(EventClient.Outcome.Unreachable.class, new EventClient(url, "token-a", "a", w -> { })
                    .post(List.of(Event.step("t3", "a", "cluster-dns", "short-names", "started", 1))));
            // and there is no plain-HTTP door beside the TLS one
            assertInstanceOf(EventClient.Outcome.Unreachable.class, new EventClient("http://127.0.0.1:" + s.port(), "token-a", "a", w -> { })
                    .post(List.of(Event.step("t4", "a", "cluster-dns", "short-names", "started", 1))));
            assertEquals(1, s.stored());
        }
    }

    @Test
    void theInstructorsTokenMovesFromTheAddressIntoAnHttpOnlyCookie() throws Exception {
        try (WorkshopServer s = start()) {
            HttpResponse<String> open = get(s, "/?token=instructor-token");
            assertEquals(303, open.statusCode());
            assertEquals("/", open.headers().firstValue("Location").orElse(""));
            String cookie = open.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith(WorkshopServer.COOKIE + "=instructor-token;") && cookie.contains("HttpOnly")
                    && cookie.contains("SameSite=Strict"), cookie);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/"))
                    .header("Cookie", WorkshopServer.COOKIE + "=instructor-token").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertFalse(page.body().contains("instructor-token"), "the page carries the token");
            assertEquals(401, get(s, "/").statusCode());
            assertEquals(401, get(s, "/?token=wrong").statusCode());
        }
    }
}
