package dev.ramphook;

import dev.ramphook.internal.engine.ApiAccess;
import dev.ramphook.internal.engine.Engine;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** The engine's way to this package's non-API methods; granted by {@link WebhookReceiver}'s static initialiser. */
final class EngineAccess implements ApiAccess.Grant {

    @Override
    public Engine engine(WebhookReceiver receiver) {
        return receiver.engine();
    }

    @Override
    public WebhookResponse response(int status, String contentType, byte[] body, Map<String, String> headers) {
        return WebhookResponse.of(status, contentType, body, headers);
    }

    @Override
    public byte[] readBody(WebhookRequest request, int maxBytes, Clock clock, Instant deadline) throws IOException {
        return request.readBody(maxBytes, clock, deadline);
    }

    @Override
    public int bufferedBodyLength(WebhookRequest request) {
        return request.bufferedBodyLength();
    }

    @Override
    public WebhookRequest.Builder body(WebhookRequest.Builder builder, byte[] body) {
        return builder.keepBody(body);
    }
}
