package com.example.webhooks;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.jakartarest.WebhookResource;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

@Path("/webhooks")
public class Webhooks {
    @Inject
    WebhookReceiver receiver;

    @Path("{path: .*}")
    public WebhookResource delivery(@Context HttpServerRequest request) {
        return WebhookResource.of(receiver, request.remoteAddress().hostAddress());
    }
}
