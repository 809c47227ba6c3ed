package dev.ramphook.jakartarest;

import dev.ramphook.WebhookReceiver;
import dev.ramphook.testing.http.ContractReceivers;
import dev.ramphook.testing.http.FlakyHandler;
import dev.ramphook.testing.http.HostileSenderContract;
import dev.ramphook.testing.http.RecordingHandler;
import dev.ramphook.testing.http.WebhookContainerContract;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The HTTP contract on Jersey 3.1 over Grizzly: each application is the guide's {@link Webhooks} resource (a
 * sub-resource locator under {@code /webhooks} returning {@link WebhookResource}, the peer's address from Grizzly's
 * request) beside an ordinary {@code GET /events} resource, which shows that other paths pass by.
 */
class JerseyContractTest extends WebhookContainerContract {

    private static final List<HttpServer> servers = new ArrayList<>();
    private static final List<WebhookReceiver> receivers = new ArrayList<>();
    private static URI base;
    private static URI down;
    private static URI fenced;
    private static URI flaky;

    @Path("/events")
    public static final class Events {
        @GET
        @Produces("application/json")
        public String list() {
            return RecordingHandler.receivedJson();
        }
    }

    @BeforeAll
    static void start() throws IOException {
        base = serve(ContractReceivers.main());
        down = serve(ContractReceivers.down());
        fenced = serve(ContractReceivers.fenced());
        flaky = serve(ContractReceivers.flaky());
    }

    private static URI serve(WebhookReceiver receiver) throws IOException {
        receivers.add(receiver);
        ResourceConfig application = new ResourceConfig().register(new Webhooks(receiver)).register(Events.class);
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), application,
                false);
        // Grizzly's blocking body reads wait this long for the next byte (its default: 30 s): as the guide says, at
        // most the receiver's body read timeout, which the contract's slow-body cases expect.
        server.getListeners().forEach(listener -> listener.getTransport()
                .setReadTimeout(HostileSenderContract.DOWN_BODY_READ_TIMEOUT, TimeUnit.SECONDS));
        server.start();
        servers.add(server);
        int port = server.getListeners().iterator().next().getPort();
        return URI.create("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() {
        servers.forEach(HttpServer::shutdownNow);
        receivers.forEach(WebhookReceiver::close);
    }

    @Override
    protected URI base() {
        return base;
    }

    @Override
    protected URI downBase() {
        return down;
    }

    @Override
    protected URI fencedBase() {
        return fenced;
    }

    @Override
    protected URI flakyBase() {
        return flaky;
    }

    @Override
    protected void fixFlakyHandlers() {
        FlakyHandler.fix();
    }

    /**
     * The hostile-sender suite against the same applications, as Grizzly behaves: it sends {@code 100 Continue}
     * itself before the resource runs, and a body is read on a blocking stream, one worker thread per body.
     */
    @Nested
    class HostileSenders extends HostileSenderContract {
        @Override
        protected boolean continuesBeforeTheReceiver() {
            return true;
        }

        @Override
        protected boolean readsBodiesWithoutAThread() {
            return false;
        }

        @Override
        protected URI base() {
            return JerseyContractTest.this.base();
        }

        @Override
        protected URI downBase() {
            return JerseyContractTest.this.downBase();
        }
    }
}
