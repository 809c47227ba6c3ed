package dev.ramphook.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.Authenticator;
import dev.ramphook.store.StoredEvent;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What only the stores and the receiver's engine do is not API. (Answers and a request's body are: an adapter
 * builds a {@code WebhookResponse} with its public factories and may read a body with {@code readBody}.)
 */
class EngineOnlyMethodsTest {

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
