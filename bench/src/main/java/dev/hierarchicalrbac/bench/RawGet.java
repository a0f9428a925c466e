package dev.hierarchicalrbac.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Timed GETs on one plain keep-alive socket, for the REST reads: the request is written and the
 * answer read by this thread alone, so the client adds no thread hand-offs and next to no garbage to
 * the latency it reports (java.net.http, used for everything else, does both). The token comes from
 * an {@link Admin} before the clock starts.
 */
final class RawGet implements AutoCloseable {

    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    RawGet(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /**
     * Latency in nanoseconds of one GET, from the first byte written to the last byte read. A
     * connection the server closed while idle is opened again, once, before the clock starts anew.
     */
    long timed(String path, String bearer, int expected) {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: application/json\r\n"
                + "Authorization: Bearer " + bearer + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 1; ; attempt++) {
            try {
                if (socket == null) {
                    connect();
                }
                long start = System.nanoTime();
                out.write(request);
                out.flush();
                int status = LoadGenerator.readResponse(in);
                long took = System.nanoTime() - start;
                if (status != expected) {
                    throw new IllegalStateException("GET " + path + " answered " + status + " (expected " + expected + ")");
                }
                return took;
            } catch (IOException | UncheckedIOException e) {
                close();
                if (attempt == 2) {
                    throw new IllegalStateException("GET " + path + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private void connect() throws IOException {
        socket = LoadGenerator.connect(host, port);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 65536);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
            socket = null;
        }
    }
}
