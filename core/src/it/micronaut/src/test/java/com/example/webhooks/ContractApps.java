package com.example.webhooks;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.config.ReceiverSettings;
import dev.ramphook.testing.http.FlakyHandler;
import dev.ramphook.testing.http.RecordingHandler;
import dev.ramphook.testing.http.WebhookContainerContract;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.Map;

/**
 * The contract's three other applications (store down, fenced, flaky handlers) under {@code /down}, {@code /fenced}
 * and {@code /flaky} of the same Micronaut application, each built from the contract's {@code ramphook.*} keys by
 * {@link ReceiverSettings} and served through the guide's {@link WebhookController}; and {@code GET /events} (also
 * under each prefix) listing what {@link RecordingHandler} got: the application's other paths.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ContractApps {

    private final WebhookReceiver down = receiver("/down", WebhookContainerContract.downParameters(),
            RecordingHandler.class);
    private final WebhookReceiver fenced = receiver("/fenced", WebhookContainerContract.fencedParameters(),
            RecordingHandler.class);
    private final WebhookReceiver flaky = receiver("/flaky", Map.of(), FlakyHandler.class);

    private static WebhookReceiver receiver(String prefix, Map<String, String> extra, Class<?> handler) {
        WebhookContainerContract.setSecrets();
        Map<String, String> keys = new HashMap<>(WebhookContainerContract.parameters());
        keys.putAll(extra);
        keys.put("ramphook.endpoint.zbd.path", prefix + "/webhooks/zbd");
        keys.put("ramphook.endpoint.mecash.path", prefix + "/webhooks/mecash");
        keys.put("ramphook.handlers", handler.getName());
        return ReceiverSettings.from(keys).build();
    }

    @Post("/down/webhooks/{+path}")
    @Consumes(MediaType.ALL)
    public HttpResponse<byte[]> down(HttpRequest<?> request) {
        return new WebhookController(down).receive(request);
    }

    @Get("/down/webhooks/{+path}")
    public HttpResponse<byte[]> downGet(HttpRequest<?> request) {
        return new WebhookController(down).get(request);
    }

    @Post("/fenced/webhooks/{+path}")
    @Consumes(MediaType.ALL)
    public HttpResponse<byte[]> fenced(HttpRequest<?> request) {
        return new WebhookController(fenced).receive(request);
    }

    @Get("/fenced/webhooks/{+path}")
    public HttpResponse<byte[]> fencedGet(HttpRequest<?> request) {
        return new WebhookController(fenced).get(request);
    }

    @Post("/flaky/webhooks/{+path}")
    @Consumes(MediaType.ALL)
    public HttpResponse<byte[]> flaky(HttpRequest<?> request) {
        return new WebhookController(flaky).receive(request);
    }

    @Get("/flaky/webhooks/{+path}")
    public HttpResponse<byte[]> flakyGet(HttpRequest<?> request) {
        return new WebhookController(flaky).get(request);
    }

    @Get("/events")
    @Produces(MediaType.APPLICATION_JSON)
    public String events() {
        return RecordingHandler.receivedJson();
    }

    @Get("/{app}/events")
    @Produces(MediaType.APPLICATION_JSON)
    public String appEvents(String app) {
        return RecordingHandler.receivedJson();
    }

    @PreDestroy
    void close() {
        down.close();
        fenced.close();
        flaky.close();
    }
}
