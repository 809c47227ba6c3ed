package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every built-in provider is found through ServiceLoader under its documented id. */
class ProviderRegistrationTest {

    @Test
    void builtInProvidersAreFoundByTheirIds() {
        assertThat(ServiceLoader.load(Provider.class).stream().map(p -> p.get().id()).collect(Collectors.toList()))
                .contains("zbd", "mecash", "moonpay", "transak", "rampnetwork", "revolut", "onramper")
                .doesNotHaveDuplicates();
    }
}
