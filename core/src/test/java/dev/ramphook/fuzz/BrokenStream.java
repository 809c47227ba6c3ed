package dev.ramphook.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body from a client that stops sending: the given bytes, then an IOException, as a reset socket does. */
final class BrokenStream extends InputStream {

    private final ByteArrayInputStream head;

    BrokenStream(byte[] head) {
        this.head = new ByteArrayInputStream(head);
    }

    @Override
    public int read() throws IOException {
        int b = head.read();
        if (b < 0) {
            throw new IOException("connection reset by peer");
        }
        return b;
    }

    @Override
    public int read(byte[] into, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = head.read(into, off, len);
        if (n < 0) {
            throw new IOException("connection reset by peer");
        }
        return n;
    }
}
