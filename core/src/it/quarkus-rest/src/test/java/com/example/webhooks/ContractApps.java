package com.example.webhooks;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.jakartarest.WebhookResource;
import dev.ramphook.testing.http.ContractReceivers;
import dev.ramphook.testing.http.RecordingHandler;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract's three other applications (store down, fenced, flaky handlers) under {@code /down}, {@code /fenced}
 * and {@code /flaky} of the same Quarkus application, each through the same sub-resource as the real one, and
 * {@code GET /events} (also under each prefix) listing what {@link RecordingHandler} got.
 */
@Path("/")
public class ContractApps {

    private static final Map<String, WebhookReceiver> RECEIVERS = new ConcurrentHashMap<>();

    @Path("{app: down|fenced|flaky}/webhooks/{path: .*}")
    public WebhookResource delivery(@PathParam("app") String app, @Context HttpServerRequest request) {
        WebhookReceiver receiver = RECEIVERS.computeIfAbsent(app, a -> ContractReceivers.of(a, "/" + a));
        return WebhookResource.of(receiver, request.remoteAddress().hostAddress());
    }

    @GET
    @Path("events")
    @Produces("application/json")
    public String events() {
        return RecordingHandler.receivedJson();
    }

    @GET
    @Path("{app: down|fenced|flaky}/events")
    @Produces("application/json")
    public String appEvents() {
        return RecordingHandler.receivedJson();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        RECEIVERS.values().forEach(WebhookReceiver::close);
    }
}
