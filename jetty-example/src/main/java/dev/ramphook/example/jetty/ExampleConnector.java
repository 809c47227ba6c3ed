package dev.ramphook.example.jetty;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP connector the example runs with, and so do {@code bench/load.sh}'s bare servlet and ramphook servers
 * ({@code dev.ramphook.example.bench}): one place, so that the benchmark compares the library against the very Jetty
 * settings users run, and the bare baseline never differs from the library's server in anything but the filter.
 *
 * <p>Jetty 12's defaults are kept where they already suit a small machine (measured on 2 cores, issue 21): one
 * acceptor and one selector (Jetty derives both from the core count), and the default thread pool with its reserved
 * threads (with none reserved, a bare servlet made 7.05 system calls and 0.54 context switches per request,
 * against 6.30 and 0.54 with the defaults: nothing to gain). A webhook answer is small, so the fixed headers are a
 * real share of its bytes: no {@code Server} header (the version is nobody's business, and 24 bytes of each answer),
 * no {@code X-Powered-By}. {@code Date} stays (an
 * origin server with a clock must send it, RFC 9110; Jetty formats it once a second).
 */
public final class ExampleConnector {

    private ExampleConnector() {
    }

    /**
     * A connector of {@code server} with the example's HTTP settings, not yet added to it.
     *
     * @param server the server it belongs to
     * @param host the address to bind, or null for every interface
     * @param port the port, 0 for a free one
     * @return the connector; the caller adds it to {@code server}
     */
    public static ServerConnector of(Server server, String host, int port) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false); // no "Server: Jetty(12.x)" on every answer
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
