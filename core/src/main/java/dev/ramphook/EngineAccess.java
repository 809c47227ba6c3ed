package dev.ramphook;

import dev.ramphook.internal.engine.ApiAccess;
import dev.ramphook.internal.engine.Engine;

/** The engine's way to this package's non-API methods; granted by {@link WebhookReceiver}'s static initialiser. */
final class EngineAccess implements ApiAccess.Grant {

    @Override
    public Engine engine(WebhookReceiver receiver) {
        return receiver.engine();
    }
}
