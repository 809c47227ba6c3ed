package dev.ramphook.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP pass-through on a loopback port that a test can cut, to take the database away from a receiver without
 * touching the database itself (which other tests share). Cut: open connections drop and new ones are refused.
 */
final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile long delayMillis;

    private TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        startAccepting(listener);
    }

    static TcpProxy to(int targetPort) throws IOException {
        return new TcpProxy(targetPort);
    }

    int port() {
        return port;
    }

    /** Drops every open connection and refuses new ones, as a database host that went away. */
    synchronized void cut() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    /**
     * Holds every chunk of data, in both directions, this long before passing it on: a slow or distant database
     * (each round trip costs twice this). Zero turns it off.
     */
    void delay(java.time.Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    /** Accepts connections again, on the same port. */
    synchronized void restore() throws IOException {
        listener = listen(port);
        startAccepting(listener);
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void startAccepting(ServerSocket server) {
        daemon("proxy-accept", () -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    synchronized (this) {
                        if (server.isClosed()) { // cut while this one was connecting
                            closeQuietly(client);
                            closeQuietly(upstream);
                            return;
                        }
                        sockets.add(client);
                        sockets.add(upstream);
                    }
                    daemon("proxy-up", () -> pump(client, upstream));
                    daemon("proxy-down", () -> pump(upstream, client));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                long delay = delayMillis;
                if (delay > 0) {
                    Thread.sleep(delay); // simulated network latency, not synchronisation
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException dropped) {
            // one side closed or was cut
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }
}
