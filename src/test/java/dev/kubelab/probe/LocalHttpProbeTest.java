package dev.kubelab.probe;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** localHttp: what a port-forward answers on this machine, request by request. */
class LocalHttpProbeTest {

    private static HttpServer serve(String... bodies) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger n = new AtomicInteger();
        server.createContext("/", ex -> {
            byte[] b = (bodies[n.getAndIncrement() % bodies.length] + "\n").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        return server;
    }

    @Test
    void oneBackendGivesOneDistinctBody() throws IOException {
        HttpServer s = serve("web-abc-1");
        try {
            assertEquals(List.of("web-abc-1"), LiveProbes.localHttpBodies(s.getAddress().getPort(), "/", 5));
        } finally {
            s.stop(0);
        }
    }

    @Test
    void alternatingBackendsGiveBothBodiesInOrder() throws IOException {
        HttpServer s = serve("web-abc-2", "web-abc-1");
        try {
            assertEquals(List.of("web-abc-2", "web-abc-1"), LiveProbes.localHttpBodies(s.getAddress().getPort(), "/", 4));
        } finally {
            s.stop(0);
        }
    }

    @Test
    void nothingListeningGivesNothing() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertEquals(List.of(), LiveProbes.localHttpBodies(port, "/", 2));
    }

    @Test
    void aLoopbackOnlyListenerRefusesOnTheLanAddress() throws Exception {
        try (ServerSocket loopbackOnly = new ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = loopbackOnly.getLocalPort();
            assertEquals(true, LiveProbes.portAnswers("127.0.0.1", port));
            String lan = LiveProbes.lanAddress();
            assertEquals(false, LiveProbes.portAnswers(lan, port), "a 127.0.0.1 listener must refuse on " + lan);
        }
        ProbeSpec.LocalPort byDefault = new ProbeSpec.LocalPort("18300");
        assertEquals("loopback", byDefault.address());
    }
}
