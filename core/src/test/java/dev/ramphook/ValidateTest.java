package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.store.EventStore;
import dev.ramphook.testing.ShopProvider;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** {@link WebhookReceiver.Builder#validate()}: build()'s checks, without building. */
class ValidateTest {

    static class UnbindableParameter {
        @OnEvent("*")
        void settled(String text) {
        }
    }

    static class Fine {
        @OnEvent("ORDER.PAID")
        void paid(WebhookEvent<?> event) {
        }
    }

    /** A store that fails the test if anything reads or writes it (asking whether it is durable is no access). */
    private static EventStore untouchable() {
        return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("durable")) {
                        return false;
                    }
                    throw new AssertionError("validate() called EventStore." + method.getName());
                });
    }

    private static WebhookReceiver.Builder builder(Object handlers) {
        return WebhookReceiver.builder()
                .endpoint("/hooks/shop", new ShopProvider(), Authenticator.none())
                .handlers(handlers)
                .store(untouchable());
    }

    @Test
    void badHandlerMethodFailsValidateNamingClassAndMethodAsBuildDoes() {
        assertThatThrownBy(() -> builder(new UnbindableParameter()).validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UnbindableParameter.settled");
    }

    @Test
    void goodConfigurationValidatesWithoutTouchingTheStore() {
        assertThatCode(() -> builder(new Fine()).validate()).doesNotThrowAnyException();
    }

    @Test
    void validateNeedsAnEndpointAsBuildDoes() {
        assertThatThrownBy(() -> WebhookReceiver.builder().handlers(new Fine()).validate())
                .hasMessageStartingWith("no endpoint configured");
    }
}
