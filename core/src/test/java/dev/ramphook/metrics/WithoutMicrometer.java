package dev.ramphook.metrics;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.WebhookResponse;
import dev.ramphook.Authenticator;
import dev.ramphook.testing.Requests;
import dev.ramphook.testing.ShopProvider;

/**
 * An application that never heard of Micrometer: loaded by {@link NoMicrometerTest} in a class loader that has
 * no Micrometer class.
 */
public final class WithoutMicrometer {

    private WithoutMicrometer() {
    }

    /** Builds a receiver, delivers one event and asks for its health; returns both answers. */
    public static String run() {
        try (WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .on("*", (event, context) -> { })
                .build()) {
            WebhookResponse answer = receiver.receive(Requests.post("/hooks/shop",
                    ShopProvider.body("SHOP.V1.ORDER.PAID", "o-1")));
            return answer.status() + " " + answer.bodyText() + " " + receiver.health().status();
        }
    }
}
