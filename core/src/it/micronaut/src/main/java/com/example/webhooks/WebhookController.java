package com.example.webhooks;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

@Controller("/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING) // receive() records the event (and may run handlers) before it answers
public class WebhookController {
    private final WebhookReceiver receiver;

    public WebhookController(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    @Post("/{+path}")
    @Consumes(MediaType.ALL) // the receiver judges the content type: 415 in its own words
    public HttpResponse<byte[]> receive(HttpRequest<?> request) {
        WebhookRequest.Builder delivery = WebhookRequest.builder()
                .method(request.getMethodName())
                .path(request.getUri().getRawPath())
                .query(request.getUri().getRawQuery())
                .remoteAddress(request.getRemoteAddress().getAddress().getHostAddress())
                .body(((ServerHttpRequest<?>) request).byteBody().toInputStream());
        request.getHeaders().forEach((name, values) -> values.forEach(value -> delivery.header(name, value)));
        WebhookResponse answer = receiver.receive(delivery.build());
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(answer.status(), null)
                .contentType(answer.contentType())
                .body(answer.body());
        answer.headers().forEach(response::header);
        return response;
    }

    @Get("/{+path}") // 405 with Allow: POST in the receiver's words, like its other refusals
    public HttpResponse<byte[]> get(HttpRequest<?> request) {
        return receive(request);
    }
}
