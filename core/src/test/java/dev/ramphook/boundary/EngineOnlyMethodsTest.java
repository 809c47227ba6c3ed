package dev.ramphook.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.Authenticator;
import dev.ramphook.store.StoredEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What only the receiver's engine does is not API: the engine reaches it through {@code ApiAccess}, which
 * {@code WebhookReceiver} grants. A user can neither make up an answer nor read a request's body before the
 * receiver does.
 */
class EngineOnlyMethodsTest {

    @Test
    void onlyTheReceiverBuildsAnswers() {
        assertThat(Arrays.stream(WebhookResponse.class.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() == WebhookResponse.class)
                .map(Method::toString)).isEmpty();
        assertThat(Arrays.stream(WebhookResponse.class.getConstructors()).map(Constructor::toString)).isEmpty();
    }

    @Test
    void onlyTheReceiverReadsARequestsBody() {
        assertThat(publicMethodNames(WebhookRequest.class)).doesNotContain("readBody");
    }

    @Test
    void onlyTheStoresThemselvesCountAttempts() {
        assertThat(publicMethodNames(StoredEvent.class)).doesNotContain("nextAttempt");
    }

    @Test
    void authenticatorsDoNotSayWhetherTheyAreTheOptOut() {
        assertThat(publicMethodNames(Authenticator.class)).doesNotContain("isNone");
    }

    private static List<String> publicMethodNames(Class<?> type) {
        return Arrays.stream(type.getMethods()).map(Method::getName).toList();
    }
}
