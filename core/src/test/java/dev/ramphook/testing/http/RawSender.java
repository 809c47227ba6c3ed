package dev.ramphook.testing.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A sender that writes HTTP/1.1 by hand, for what {@code HttpClient} will not do: announce more body than it sends,
 * send it a byte at a time, wait for {@code 100 Continue}. Every read is bounded by a socket timeout.
 */
public final class RawSender implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawSender(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Connects to {@code base}'s host and port and sends the head of a POST to {@code base + pathAndQuery}. */
    public static RawSender post(URI base, String pathAndQuery, Map<String, String> headers) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(20_000);
        RawSender sender = new RawSender(socket);
        StringBuilder head = new StringBuilder("POST " + base.getRawPath() + pathAndQuery + " HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        sender.out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        sender.out.flush();
        return sender;
    }

    /** Sends body bytes now; false when the server has closed the connection. */
    public boolean send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** The status code of the first status line the server sends (100 counts), waiting at most {@code millis}. */
    public int status(int millis) throws IOException {
        socket.setSoTimeout(millis);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.write(c);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1).trim();
        if (!text.startsWith("HTTP/1.1 ")) {
            throw new IOException("no status line, got '" + text + "'");
        }
        return Integer.parseInt(text.substring(9, 12));
    }

    /**
     * The status of the first final (not 1xx) response, skipping interim ones such as {@code 100 Continue} with their
     * header lines, waiting at most {@code millis} for each line.
     */
    public int finalStatus(int millis) throws IOException {
        int status = status(millis);
        while (status >= 100 && status < 200) {
            int c;
            do { // the interim response's header lines, up to its empty line
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                while ((c = in.read()) >= 0 && c != '\n') {
                    line.write(c);
                }
                if (line.toString(StandardCharsets.ISO_8859_1).trim().isEmpty()) {
                    break;
                }
            } while (c >= 0);
            status = status(millis);
        }
        return status;
    }

    /** Closes the sending side only ({@code shutdown(SHUT_WR)}): the server reads end-of-stream, and can answer. */
    public void halfClose() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * The status of the first status line, or 0 when the server closed (or reset) the connection without sending
     * one; a server that sends nothing within {@code millis} fails the read.
     */
    public int statusOrClosed(int millis) throws IOException {
        socket.setSoTimeout(millis);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.write(c);
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException reset) {
            // a reset connection: whatever arrived before it is all there is
        }
        String text = line.toString(StandardCharsets.ISO_8859_1).trim();
        if (text.isEmpty()) {
            return 0;
        }
        if (!text.startsWith("HTTP/1.1 ")) {
            throw new IOException("no status line, got '" + text + "'");
        }
        return Integer.parseInt(text.substring(9, 12));
    }

    /** The status, or -1 when nothing arrived within {@code millis}. */
    public int statusIfAny(int millis) throws IOException {
        try {
            return status(millis);
        } catch (SocketTimeoutException nothingYet) {
            return -1;
        }
    }

    /** Everything the server sends until it closes the connection or goes quiet for a second. */
    public String rest() throws IOException {
        socket.setSoTimeout(1_000);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException quiet) {
            // what arrived is the answer
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
