package dev.hierarchicalrbac.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A small HTTP/1.1 load generator on plain keep-alive sockets, so that the client side costs little
 * CPU on a machine it shares with the server. Every request is the same prepared token request
 * (client-credentials grant); every answer must be 200.
 *
 * <ul>
 *   <li>{@link #closedLoop}: N connections, each sends its next request when the previous answer is
 *       in, for a fixed time: throughput at saturation.</li>
 *   <li>{@link #fixedRate}: open loop at a fixed rate; request i is due at start + i/rate and its
 *       latency is counted from that due time, so a server that falls behind is not excused
 *       (no coordinated omission). Bounded by count and time.</li>
 * </ul>
 */
final class LoadGenerator {

    private final String host;
    private final int port;
    private final byte[] request;

    /** A POST of {@code form} to {@code path}. */
    LoadGenerator(String host, int port, String path, String form) {
        this.host = host;
        this.port = port;
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        request = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, request, h.length, body.length);
    }

    /** What one slice measured. */
    record Result(long requests, long errors, long elapsedNanos, long[] latencyNanos) {
        double throughput() {
            return requests * 1e9 / elapsedNanos;
        }
    }

    Result closedLoop(int connections, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Worker> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Worker w = new Worker(() -> System.nanoTime() < deadline ? System.nanoTime() : -1);
            workers.add(w);
            w.start();
        }
        return join(workers, start);
    }

    /** {@code rate} requests per second for {@code seconds}, on up to {@code connections} connections. */
    Result fixedRate(double rate, double seconds, int connections) {
        long total = Math.max(1, Math.round(rate * seconds));
        double interval = 1e9 / rate;
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime() + 20_000_000L;
        long hardStop = start + (long) (seconds * 1e9) * 3 + 10_000_000_000L;
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Worker w = new Worker(() -> {
                long n = next.getAndIncrement();
                if (n >= total || System.nanoTime() > hardStop) {
                    return -1;
                }
                long due = start + (long) (n * interval);
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                return due;
            });
            workers.add(w);
            w.start();
        }
        return join(workers, start);
    }

    private Result join(List<Worker> workers, long start) {
        long requests = 0;
        long errors = 0;
        int n = 0;
        for (Worker w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (w.failure != null) {
                throw new IllegalStateException("load worker failed: " + w.failure, w.failure);
            }
            requests += w.count;
            errors += w.errors;
            n += w.count;
        }
        long elapsed = workers.stream().mapToLong(w -> w.lastEnd).max().orElse(start) - start;
        long[] all = new long[n];
        int at = 0;
        for (Worker w : workers) {
            System.arraycopy(w.latencies, 0, all, at, w.count);
            at += w.count;
        }
        Arrays.sort(all);
        return new Result(requests, errors, Math.max(1, elapsed), all);
    }

    /** Answers the moment from which a request's latency counts, or -1 to stop. */
    private interface Ticket {
        long next();
    }

    private final class Worker extends Thread {
        private final Ticket ticket;
        long[] latencies = new long[4096];
        int count;
        long errors;
        long lastEnd;
        Exception failure;

        Worker(Ticket ticket) {
            this.ticket = ticket;
            setDaemon(true);
        }

        @Override
        public void run() {
            Socket socket = null;
            try {
                socket = connect(host, port);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
                long from;
                while ((from = ticket.next()) >= 0) {
                    out.write(request);
                    out.flush();
                    int status = readResponse(in);
                    long end = System.nanoTime();
                    if (status != 200) {
                        errors++;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = end - from;
                    lastEnd = end;
                }
            } catch (Exception e) {
                failure = e;
            } finally {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing
                    }
                }
            }
        }

    }

    /** A keep-alive connection for timed requests: no Nagle delay, bounded connect and read waits. */
    static Socket connect(String host, int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(60_000);
        s.connect(new InetSocketAddress(host, port), 10_000);
        return s;
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked), discards the body, answers the status. */
    static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        String header;
        while (!(header = line(in)).isEmpty()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            while (true) {
                long size = Long.parseLong(line(in).split(";")[0].trim(), 16);
                if (size == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    break;
                }
                skip(in, size);
                line(in);
            }
        } else if (length > 0) {
            skip(in, length);
        }
        return status;
    }

    private static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed mid-body");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        throw new UncheckedIOException(new IOException("connection closed"));
    }
}
