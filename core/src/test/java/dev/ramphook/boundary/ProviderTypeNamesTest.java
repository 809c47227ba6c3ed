package dev.ramphook.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.Authenticator;
import dev.ramphook.Provider;
import dev.ramphook.receiver.WebhookReceiver;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Provider data types follow one naming rule (docs/maintainers.md, "Naming provider data types"): every public type
 * of a built-in provider's package starts with that provider's prefix, except the provider itself and its
 * authenticators, and no provider's prefix begins another's. A user imports records of several providers into one
 * handler class; {@code RampPayout} (meCash) beside {@code RampPurchase} (Ramp Network) read as one provider's.
 */
class ProviderTypeNamesTest {

    /**
     * Provider package → prefix, the stem of the provider's class. Adding a provider: list its package and prefix
     * here, in the same commit as its {@code provides} line in core's module-info.java.
     */
    static final Map<String, String> PREFIXES = Map.of(
            "dev.ramphook.zbd", "Zbd",
            "dev.ramphook.mecash", "MeCash",
            "dev.ramphook.moonpay", "MoonPay",
            "dev.ramphook.transak", "Transak",
            "dev.ramphook.rampnetwork", "RampNetwork",
            "dev.ramphook.revolut", "Revolut",
            "dev.ramphook.onramper", "Onramper");

    private final Path classes = PublicTypes.root(WebhookReceiver.class);

    @Test
    void everyBuiltInProviderHasAPrefixThatItsClassStartsWith() throws Exception {
        Map<String, String> providerClasses = new TreeMap<>();
        for (ModuleDescriptor.Provides p : PublicTypes.descriptor(classes).provides()) {
            if (p.service().equals(Provider.class.getName())) {
                for (String impl : p.providers()) {
                    providerClasses.put(impl.substring(0, impl.lastIndexOf('.')), impl);
                }
            }
        }

        assertThat(providerClasses.keySet()).containsExactlyInAnyOrderElementsOf(PREFIXES.keySet());
        providerClasses.forEach((pkg, impl) -> assertThat(impl.substring(pkg.length() + 1))
                .as("the provider class of %s", pkg).startsWith(PREFIXES.get(pkg)));
    }

    @Test
    void noTwoProvidersShareAPrefix() {
        List<String> clashes = new ArrayList<>();
        PREFIXES.forEach((pkg, prefix) -> PREFIXES.forEach((otherPkg, other) -> {
            if (!pkg.equals(otherPkg) && other.startsWith(prefix)) {
                clashes.add(otherPkg + "'s prefix " + other + " begins with " + pkg + "'s " + prefix);
            }
        }));

        assertThat(clashes).isEmpty();
    }

    @Test
    void everyPublicDataTypeOfAProviderStartsWithItsPrefix() throws Exception {
        Map<String, Set<String>> byPackage = PublicTypes.byPackage(classes, getClass().getClassLoader());
        Set<String> unprefixed = new TreeSet<>();
        for (Map.Entry<String, String> provider : PREFIXES.entrySet()) {
            String pkg = provider.getKey();
            assertThat(byPackage).as("compiled classes of %s", pkg).containsKey(pkg);
            for (String name : byPackage.get(pkg)) {
                if (name.contains("$")) {
                    continue; // a nested type is named through its outer type: MeCashPayout.Quote
                }
                Class<?> type = Class.forName(pkg + "." + name, false, getClass().getClassLoader());
                boolean dataType = !Provider.class.isAssignableFrom(type)
                        && !Authenticator.class.isAssignableFrom(type);
                if (dataType && !name.startsWith(provider.getValue())) {
                    unprefixed.add(pkg + "." + name + " (prefix " + provider.getValue() + ")");
                }
            }
        }

        assertThat(unprefixed).as("public data types without their provider's prefix").isEmpty();
    }
}
