package dev.turnstile.it.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain-socket HTTP/1.1 provider stand-in for the soak test: one thread per connection,
 * keep-alive, and faults on demand, chosen by the path so the caller knows what to expect.
 * MockWebServer is not used here: the soak wants connection resets and half-written streams at
 * high rates, which need the socket itself.
 *
 * <p>Paths (query parameters shape the answer):
 * <ul>
 *   <li>{@code /ok?delayMs=D} — a small JSON answer after D ms;</li>
 *   <li>{@code /stream?events=N&delayMs=D} — a chunked server-sent-event stream, N events D ms apart;</li>
 *   <li>{@code /ratelimit?retryAfterMs=D} — 429 with {@code retry-after-ms: D};</li>
 *   <li>{@code /reset} — the connection is reset before any answer;</li>
 *   <li>{@code /cut?events=N} — N events of a stream, then a reset;</li>
 *   <li>{@code /stall} — headers and one event, then silence until the client gives up;</li>
 *   <li>{@code /stall-headers} — silence before the headers, until the client gives up.</li>
 * </ul>
 * A stall ends when the client closes the connection or after {@value #STALL_MILLIS} ms.
 */
public final class SoakServer implements AutoCloseable {

    private static final int STALL_MILLIS = 30_000;

    private final ServerSocket serverSocket;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "soak-server-connection");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean closed;

    public SoakServer() throws IOException {
        serverSocket = new ServerSocket(0, 4096, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "soak-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Requests received so far (a client's own retry counts again). */
    public long requests() {
        return requests.get();
    }

    /**
     * The most requests the server was working on at once. Only indicative: a request the client
     * abandoned (cancel, timeout) is seen to end a moment after the client let its slot go.
     */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return open.size();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                open.add(socket);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("soak server: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (Request request; (request = Request.read(in)) != null; ) {
                requests.incrementAndGet();
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                boolean keepOpen;
                try {
                    keepOpen = answer(request, socket, in, out);
                } finally {
                    inFlight.decrementAndGet();
                }
                if (!keepOpen) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away (cancel, early close, timeout) or the server is closing
        } finally {
            open.remove(socket);
        }
    }

    /** Writes the answer; false when the connection must not be used again. */
    private boolean answer(Request request, Socket socket, InputStream in, OutputStream out)
            throws IOException, InterruptedException {
        switch (request.path) {
            case "/ok":
                Thread.sleep(request.intParam("delayMs", 0));
                writeFixed(out, 200, "", "{\"id\":\"soak\",\"choices\":[{\"text\":\"ok\"}]}");
                return true;
            case "/stream":
                writeStreamHead(out);
                writeEvents(out, request.intParam("events", 3), request.intParam("delayMs", 0));
                writeChunk(out, "data: [DONE]\n\n");
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return true;
            case "/ratelimit":
                writeFixed(out, 429, "retry-after-ms: " + request.intParam("retryAfterMs", 100) + "\r\n",
                        "{\"error\":{\"type\":\"rate_limit\"}}");
                return true;
            case "/reset":
                reset(socket);
                return false;
            case "/cut":
                writeStreamHead(out);
                writeEvents(out, request.intParam("events", 2), 5);
                reset(socket);
                return false;
            case "/stall":
                writeStreamHead(out);
                writeEvents(out, 1, 0);
                awaitClientGone(socket, in);
                return false;
            case "/stall-headers":
                awaitClientGone(socket, in);
                return false;
            default:
                writeFixed(out, 404, "", "{}");
                return true;
        }
    }

    private static void writeFixed(OutputStream out, int status, String headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Error") + "\r\n"
                + "Content-Type: application/json\r\n" + headers
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static void writeStreamHead(OutputStream out) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void writeEvents(OutputStream out, int events, int delayMillis)
            throws IOException, InterruptedException {
        for (int i = 0; i < events; i++) {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            writeChunk(out, "data: {\"index\":" + i + ",\"text\":\"token\"}\n\n");
        }
    }

    private static void writeChunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** An RST instead of a FIN: the client sees "connection reset". */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Waits until the client closes its end (it timed out or cancelled), within a bound. */
    private static void awaitClientGone(Socket socket, InputStream in) throws IOException {
        socket.setSoTimeout(STALL_MILLIS);
        try {
            while (in.read() != -1) {
                // a client does not send more on this connection; ignore anything that comes
            }
        } catch (SocketTimeoutException e) {
            // the client never gave up: close anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        for (Socket socket : open) {
            socket.close();
        }
        connections.shutdownNow();
    }

    /** The request line, headers and body of one request; the body is read and dropped. */
    private static final class Request {
        final String path;
        final Map<String, String> query;

        private Request(String path, Map<String, String> query) {
            this.path = path;
            this.query = query;
        }

        int intParam(String name, int otherwise) {
            String value = query.get(name);
            return value == null ? otherwise : Integer.parseInt(value);
        }

        /** The next request on the connection, or null at its end. */
        static Request read(InputStream in) throws IOException {
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return null;
            }
            long contentLength = 0;
            boolean chunked = false;
            for (String header; (header = line(in)) != null && !header.isEmpty(); ) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    contentLength = Long.parseLong(lower.substring("content-length:".length()).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                skipChunkedBody(in);
            } else {
                skip(in, contentLength);
            }
            String target = requestLine.split(" ")[1];
            int question = target.indexOf('?');
            Map<String, String> query = new HashMap<>();
            if (question >= 0) {
                for (String pair : target.substring(question + 1).split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        query.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
            return new Request(question >= 0 ? target.substring(0, question) : target, query);
        }

        private static void skipChunkedBody(InputStream in) throws IOException {
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new IOException("request body cut");
                }
                int semicolon = size.indexOf(';');
                long length = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                if (length == 0) {
                    while (true) { // trailers up to the empty line
                        String trailer = line(in);
                        if (trailer == null || trailer.isEmpty()) {
                            return;
                        }
                    }
                }
                skip(in, length);
                line(in);
            }
        }

        private static void skip(InputStream in, long length) throws IOException {
            for (long left = length; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("request body cut");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        /** One CRLF-terminated line, or null at the end of the stream. */
        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            for (int b; (b = in.read()) != -1; ) {
                if (b == '\n') {
                    int size = bytes.size();
                    String text = bytes.toString(StandardCharsets.US_ASCII);
                    return size > 0 && text.charAt(size - 1) == '\r' ? text.substring(0, size - 1) : text;
                }
                bytes.write(b);
            }
            return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.US_ASCII);
        }
    }
}
