package dev.kubelab.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A Docker socket stand-in: answers each request line ("GET /_ping") with what {@code handler} returns (a whole HTTP reply, or null for silence). */
final class FakeDocker implements AutoCloseable {

    final List<String> requests = new CopyOnWriteArrayList<>();
    private final ServerSocketChannel server;
    private final Thread thread;

    FakeDocker(Path socket, Function<String, String> handler) throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(() -> {
            while (server.isOpen()) {
                try (SocketChannel c = server.accept()) {
                    String request = readHead(c);
                    requests.add(request);
                    String reply = handler.apply(request);
                    if (reply == null) {
                        Thread.sleep(10_000);
                        continue;
                    }
                    ByteBuffer b = ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8));
                    while (b.hasRemaining()) {
                        c.write(b);
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "fake-docker");
        thread.setDaemon(true);
        thread.start();
    }

    static String reply(int status, String body, String... headers) {
        StringBuilder sb = new StringBuilder("HTTP/1.0 " + status + " X\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        return sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n")
                .append(body).toString();
    }

    private static String readHead(SocketChannel c) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            one.clear();
            if (c.read(one) < 0) {
                break;
            }
            head.write(one.get(0));
        }
        return head.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("").replace(" HTTP/1.0", "");
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
