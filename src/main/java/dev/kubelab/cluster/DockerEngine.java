package dev.kubelab.cluster;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A few calls of the Docker Engine API over its socket, each bounded in time: enough to tell
 * whether Docker runs ({@code /_ping}), find kubelab's kind node and remove it with its volume.
 * Deliberately not Testcontainers: its availability check can block for minutes and loads a
 * large class graph; this answers in milliseconds, or fails within the timeout.
 */
public final class DockerEngine {

    /** The label every container kubelab starts carries (the kind node). */
    public static final String BACKEND_LABEL = "dev.kubelab.backend";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String endpoint;
    private final Duration timeout;

    public DockerEngine(String endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /** The engine's address: {@code DOCKER_HOST}, else the first socket file that exists, else the default one. */
    public static String endpoint(Map<String, String> env) {
        String host = env.get("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/var/run/docker.sock"));
        if (env.get("XDG_RUNTIME_DIR") != null) {
            candidates.add(Path.of(env.get("XDG_RUNTIME_DIR"), "docker.sock"));
        }
        if (env.get("HOME") != null) {
            candidates.add(Path.of(env.get("HOME"), ".docker", "run", "docker.sock"));
        }
        for (Path p : candidates) {
            if (Files.exists(p)) {
                return "unix://" + p;
            }
        }
        return "unix:///var/run/docker.sock";
    }

    public String endpoint() {
        return endpoint;
    }

    /** {@code GET /_ping}: Available, or Missing with the reason, within the timeout. */
    public DockerStatus ping() {
        if (endpoint.startsWith("unix://")) {
            Path socket = Path.of(endpoint.substring("unix://".length()));
            if (!Files.exists(socket)) {
                return new DockerStatus.Missing("no Docker socket at " + socket + " (Docker is not installed or not running)");
            }
        }
        try {
            Response r = request("GET", "/_ping");
            if (r.status() != 200) {
                return new DockerStatus.Missing("Docker at " + endpoint + " answered /_ping with HTTP " + r.status());
            }
            return new DockerStatus.Available(endpoint, r.header("api-version"));
        } catch (TimeoutException e) {
            return new DockerStatus.Missing("Docker at " + endpoint + " did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new DockerStatus.Missing("cannot reach Docker at " + endpoint + ": " + e.getMessage());
        }
    }

    /** A running or stopped container that carries kubelab's backend label. */
    public record Container(String id, String state, Map<String, String> labels, int apiServerPort) {
        public boolean running() {
            return "running".equals(state);
        }
    }

    /** Containers labelled {@code dev.kubelab.backend=VALUE}, running or not. */
    public List<Container> containers(String backend) throws IOException, TimeoutException {
        String filters = "{\"label\":[\"" + BACKEND_LABEL + "=" + backend + "\"]}";
        Response r = request("GET", "/containers/json?all=true&filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8));
        r.expect(200, "list containers");
        List<Container> out = new ArrayList<>();
        for (JsonNode c : JSON.readTree(r.body())) {
            Map<String, String> labels = new java.util.TreeMap<>();
            c.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            int port = 0;
            for (JsonNode p : c.path("Ports")) {
                if (p.path("PrivatePort").asInt() == 6443 && p.path("PublicPort").asInt() > 0) {
                    port = p.path("PublicPort").asInt();
                }
            }
            out.add(new Container(c.path("Id").asString(), c.path("State").asString(), labels, port));
        }
        return out;
    }

    /** Whether the engine has the image {@code ref} (e.g. {@code kindest/node:v1.34.0}) locally. */
    public boolean imagePresent(String ref) throws IOException, TimeoutException {
        Response r = request("GET", "/images/" + ref + "/json");
        if (r.status() == 404) {
            return false;
        }
        r.expect(200, "inspect image " + ref);
        return true;
    }

    /** Removes a container (forced) with its anonymous volumes; a container already gone is fine. */
    public void removeContainer(String id) throws IOException, TimeoutException {
        Response r = request("DELETE", "/containers/" + id + "?force=true&v=true");
        if (r.status() != 404) {
            r.expect(204, "remove container " + id);
        }
    }

    /** Removes a named volume; one already gone is fine. */
    public boolean removeVolume(String name) throws IOException, TimeoutException {
        // no force=true: with it the engine answers 204 for a volume that does not exist
        Response r = request("DELETE", "/volumes/" + name);
        if (r.status() == 404) {
            return false;
        }
        r.expect(204, "remove volume " + name);
        return true;
    }

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        void expect(int code, String what) throws IOException {
            if (status != code) {
                throw new IOException("Docker refused to " + what + ": HTTP " + status + " " + body.strip());
            }
        }
    }

    /** One HTTP/1.0 request on a fresh connection (the engine then closes it: no chunking). */
    Response request(String method, String path) throws IOException, TimeoutException {
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kubelab-docker");
            t.setDaemon(true);
            return t;
        });
        Conn[] open = new Conn[1];
        try {
            Future<Response> f = exec.submit(() -> {
                try (Conn c = connect()) {
                    open[0] = c;
                    String req = method + " " + path + " HTTP/1.0\r\nHost: docker\r\nUser-Agent: kubelab\r\n\r\n";
                    c.out().write(req.getBytes(StandardCharsets.US_ASCII));
                    c.out().flush();
                    return parse(c.in().readAllBytes());
                }
            });
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (open[0] != null) {
                open[0].close();
            }
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            exec.shutdownNow();
        }
    }

    private interface Conn extends AutoCloseable {
        InputStream in();

        OutputStream out();

        @Override
        void close() throws IOException;
    }

    private Conn connect() throws IOException {
        if (endpoint.startsWith("unix://")) {
            SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(endpoint.substring("unix://".length())));
            InputStream in = Channels.newInputStream(ch);
            OutputStream out = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
            };
            return new Conn() {
                public InputStream in() {
                    return in;
                }

                public OutputStream out() {
                    return out;
                }

                public void close() throws IOException {
                    ch.close();
                }
            };
        }
        if (endpoint.startsWith("tcp://") || endpoint.startsWith("http://")) {
            URI u = URI.create(endpoint.replaceFirst("^tcp://", "http://"));
            Socket s = new Socket();
            s.connect(new InetSocketAddress(u.getHost(), u.getPort() < 0 ? 2375 : u.getPort()), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            return new Conn() {
                public InputStream in() {
                    try {
                        return s.getInputStream();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                public OutputStream out() {
                    try {
                        return s.getOutputStream();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                public void close() throws IOException {
                    s.close();
                }
            };
        }
        throw new IOException("DOCKER_HOST=" + endpoint + " is not supported here (unix:// or tcp:// without TLS)");
    }

    static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            throw new IOException("not an HTTP answer from the Docker socket");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        Map<String, String> headers = new java.util.HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(Integer.parseInt(status[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = i;
            while (lineEnd + 1 < body.length && !(body[lineEnd] == '\r' && body[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeText = new String(body, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0].strip();
            int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(body, start, Math.min(size, body.length - start));
            i = start + size + 2;
        }
        return out.toByteArray();
    }
}
