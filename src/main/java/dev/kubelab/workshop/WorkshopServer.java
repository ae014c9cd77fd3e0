package dev.kubelab.workshop;

import io.javalin.Javalin;
import io.javalin.http.Context;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code workshop serve}: learners post their events ({@code POST /api/events}, bearer token of
 * their own: an event can only be theirs), the instructor watches the room ({@code GET /?token=T},
 * which long-polls {@code /api/view?since=V}: an event shows as soon as it is stored). Learner tokens read nothing. Events are stored
 * before they are acknowledged; on start the view is rebuilt from the store.
 */
public final class WorkshopServer implements AutoCloseable {

    /** How long a dashboard's {@code /api/view?since=V} waits for a change before answering unchanged. */
    static final java.time.Duration LONG_POLL = java.time.Duration.ofSeconds(15);

    /** The largest request body read, chunked or not: a post of 500 events is about 150 KB. */
    static final int MAX_BODY = 1_000_000;

    private final WorkshopFile workshop;
    private final EventStore store;
    private final RoomView room;
    private final Set<String> steps;
    private final Set<String> predictions;
    private final RateLimit rate = new RateLimit(RateLimit.PER_SECOND, RateLimit.BURST);
    private final Javalin app;

    /** The cookie the dashboard keeps the instructor's token in, once {@code /?token=T} was opened. */
    static final String COOKIE = "kubelab-instructor";

    private final boolean tls;

    private WorkshopServer(WorkshopFile workshop, EventStore store, RoomView room, Set<String> steps, Set<String> predictions,
                           String host, int port, ServerCertificate.Keystore keystore) {
        this.tls = keystore != null;
        this.workshop = workshop;
        this.store = store;
        this.room = room;
        this.steps = steps;
        this.predictions = predictions;
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = 1_000_000L;
            // learners' clients keep connections open: stop at once (a post cut off is retried and stored once)
            cfg.jetty.modifyServer(server -> server.setStopTimeout(0));
            if (keystore != null) {
                cfg.jetty.addConnector((server, httpConfig) -> httpsConnector(server, httpConfig, host, port, keystore));
            }
        });
        app.post("/api/events", this::post);
        app.get("/api/view", this::view);
        app.get("/health", ctx -> ctx.result("ok"));
        app.get("/", this::page);
        app.exception(Exception.class, (e, ctx) -> ctx.status(500).result("kubelab: server error: " + e.getClass().getSimpleName()));
    }

    /**
     * Opens the store in {@code dataDir}, rebuilds the view from it and listens on host:port (0 = any free port).
     *
     * @param columns   {@code lesson/step} keys in lesson order
     * @param questions {@code lesson/prediction} → question text
     */
    public static WorkshopServer start(WorkshopFile workshop, Path dataDir, String host, int port, List<String> columns,
                                       Map<String, String> questions) throws SQLException {
        return start(workshop, dataDir, host, port, columns, questions, null);
    }

    /** The same over HTTPS with the workshop's own certificate ({@code keystore}; null: plain HTTP). */
    public static WorkshopServer start(WorkshopFile workshop, Path dataDir, String host, int port, List<String> columns,
                                       Map<String, String> questions, ServerCertificate.Keystore keystore) throws SQLException {
        EventStore store = new EventStore(dataDir);
        RoomView room = new RoomView(workshop.learnerTokens().keySet().stream().sorted().toList(), columns, questions);
        store.forEach(room::accept);
        WorkshopServer s = new WorkshopServer(workshop, store, room, Set.copyOf(columns), Set.copyOf(questions.keySet()),
                host, port, keystore);
        try {
            s.app.start(host, port);
        } catch (RuntimeException e) {
            store.close();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " (" + dev.kubelab.kube.Failures.rootMessage(e) + ")");
        }
        return s;
    }

    /** TLS only (no plain-HTTP connector beside it), with the certificate provision made. */
    private static org.eclipse.jetty.server.Connector httpsConnector(org.eclipse.jetty.server.Server server,
            org.eclipse.jetty.server.HttpConfiguration httpConfig, String host, int port, ServerCertificate.Keystore keystore) {
        org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.file().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(keystore.password());
        org.eclipse.jetty.server.HttpConfiguration https = new org.eclipse.jetty.server.HttpConfiguration(httpConfig);
        org.eclipse.jetty.server.SecureRequestCustomizer secure = new org.eclipse.jetty.server.SecureRequestCustomizer();
        // learners pin the certificate itself; the name they reach the server by may be an address
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        org.eclipse.jetty.server.ServerConnector c = new org.eclipse.jetty.server.ServerConnector(server,
                new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"),
                new org.eclipse.jetty.server.HttpConnectionFactory(https));
        c.setHost(host);
        c.setPort(port);
        return c;
    }

    public boolean tls() {
        return tls;
    }

    public int port() {
        return app.port();
    }

    public RoomView room() {
        return room;
    }

    public long stored() throws SQLException {
        return store.count();
    }

    private static String bearer(Context ctx) {
        String h = ctx.header("Authorization");
        if (h != null && h.startsWith("Bearer ")) {
            return h.substring(7).trim();
        }
        String q = ctx.queryParam("token");
        return q != null ? q : ctx.cookie(COOKIE);
    }

    private void post(Context ctx) throws SQLException, java.io.IOException {
        String learner = workshop.learnerFor(bearer(ctx));
        if (learner == null) {
            ctx.status(401).result("wrong or missing token for workshop " + workshop.name() + "\n");
            return;
        }
        if (!rate.allow(learner)) {
            ctx.status(429).header("Retry-After", "1").result("too many posts from " + learner + "'s token: at most "
                    + RateLimit.PER_SECOND + " a second; slow down\n");
            return;
        }
        String body = boundedBody(ctx);
        if (body == null) {
            ctx.status(413).result("request body over " + MAX_BODY + " bytes refused\n");
            return;
        }
        List<Event> events;
        try {
            events = Event.parseAll(body, learner);
        } catch (Event.Malformed e) {
            ctx.status(e.getMessage().contains("refused") ? 403 : 400).result(e.getMessage() + "\n");
            return;
        }
        String unknown = unknownTo(events);
        if (unknown != null) {
            ctx.status(422).result(unknown + "\n");
            return;
        }
        List<Event> fresh = store.add(events);
        fresh.forEach(room::accept);
        ctx.contentType("application/json").result("{\"accepted\":" + events.size() + ",\"new\":" + fresh.size() + "}");
    }

    /**
     * The body, read by us up to {@link #MAX_BODY} whatever the request says: Javalin checks a
     * declared Content-Length, but a chunked body has none. Null when it is longer.
     */
    private static String boundedBody(Context ctx) throws java.io.IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY) {
            return null;
        }
        byte[] bytes = ctx.req().getInputStream().readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Why a post names something that is not in this workshop (a lesson, step or prediction its
     * lessons do not have), or null: the room's view only ever has the workshop's own rows.
     */
    private String unknownTo(List<Event> events) {
        for (Event e : events) {
            if (!steps.contains(e.lesson() + "/" + e.step())) {
                return "event for step '" + e.lesson() + "/" + e.step() + "' refused: no lesson of workshop "
                        + workshop.name() + " has it";
            }
            if ("prediction".equals(e.type()) && !predictions.contains(e.lesson() + "/" + e.prediction())) {
                return "event for prediction '" + e.lesson() + "/" + e.prediction() + "' refused: no lesson of workshop "
                        + workshop.name() + " has it";
            }
        }
        return null;
    }

    private boolean instructor(Context ctx) {
        if (workshop.isInstructor(bearer(ctx))) {
            return true;
        }
        ctx.status(401).contentType("text/plain").result("the dashboard needs the instructor's token: open /?token=TOKEN "
                + "(it is in the workshop's " + WorkshopFile.FILE + ")\n");
        return false;
    }

    /**
     * The room fragment. With {@code ?since=V} (the version the page shows) the answer waits until an event
     * changes the room, or {@link #LONG_POLL} passes (time on a step still grows): the page learns of an event
     * as soon as it is stored instead of on its next poll.
     */
    private void view(Context ctx) {
        if (!instructor(ctx)) {
            return;
        }
        long since;
        try {
            since = Long.parseLong(ctx.queryParamAsClass("since", String.class).getOrDefault("-1"));
        } catch (NumberFormatException e) {
            ctx.status(400).result("since must be a number (the X-Room-Version the page last saw)\n");
            return;
        }
        ctx.header("Cache-Control", "no-store");
        if (since < 0 || room.version() != since) {
            renderView(ctx);
            return;
        }
        ctx.future(() -> room.changedSince(since).completeOnTimeout(since, LONG_POLL.toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(v -> renderView(ctx)));
    }

    private void renderView(Context ctx) {
        long version = room.version();
        ctx.header("X-Room-Version", Long.toString(version)).html(room.html(System.currentTimeMillis()));
    }

    private void page(Context ctx) {
        if (ctx.queryParam("token") != null && workshop.isInstructor(ctx.queryParam("token"))) {
            // the token moves into a cookie the page's script cannot read, and out of the address bar and history
            ctx.res().addHeader("Set-Cookie", COOKIE + "=" + ctx.queryParam("token") + "; Path=/; HttpOnly; SameSite=Strict"
                    + (tls ? "; Secure" : ""));
            ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        if (instructor(ctx)) {
            long version = room.version();
            ctx.header("Cache-Control", "no-store").html(Dashboard.page(workshop.name(), version, room.html(System.currentTimeMillis())));
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            app.stop();
        } catch (RuntimeException e) {
            // Jetty reports connections it cut off; it has stopped all the same
        } finally {
            store.close();
        }
    }
}
