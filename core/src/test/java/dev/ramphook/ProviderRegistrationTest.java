package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.onramper.Onramper;
import dev.ramphook.revolut.RevolutRamp;
import dev.ramphook.testkit.Sample;
import dev.ramphook.testkit.Samples;
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

    @Test
    void documentedSamplesOfTheNewProvidersAreInTheCatalogUnderTheEventTheyParseTo() {
        assertThat(Samples.of(Onramper.provider())).extracting(Sample::event).containsExactly("buy.pending", "buy.pending");
        assertThat(Samples.of(RevolutRamp.provider())).extracting(Sample::event)
                .containsExactly("ORDER_CREATED", "ORDER_COMPLETED");
    }
}
