package dev.ramphook.jakartarest;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.jakartarest.WebhookResource;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import org.glassfish.grizzly.http.server.Request;

@Path("/webhooks")
public class Webhooks {
    private final WebhookReceiver receiver;

    public Webhooks(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    @Path("{path: .*}")
    public WebhookResource delivery(@Context Request request) {
        return WebhookResource.of(receiver, request.getRemoteAddr());
    }
}
