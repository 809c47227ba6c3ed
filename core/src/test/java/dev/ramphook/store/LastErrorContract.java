package dev.ramphook.store;

import static dev.ramphook.store.StoreTestEvents.LEASE;
import static dev.ramphook.store.StoreTestEvents.T0;
import static dev.ramphook.store.StoreTestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a store keeps as an event's last error, for stores whose test can read it: no SPI operation returns a done
 * event, so the test supplies {@link #lastErrorOf}. Optional beside {@link EventStoreContract}, so that a store
 * written outside this project is not made to expose its rows.
 */
public interface LastErrorContract extends StoreUnderTest {

    /** The last error the store keeps for the {@code zbd} event {@code key}, in any state. */
    Optional<String> lastErrorOf(String key);

    @Test
    default void aReplayThatSucceedsLeavesNoErrorOnTheDoneEvent() {
        StoredEvent claimed = recordAndClaim("e1", "worker-a", T0);
        store().fail(claimed, "worker-a", Set.of(), "ledger down", null, T0);
        assertThat(lastErrorOf("e1")).contains("ledger down");
        store().replay("zbd", "e1", T0.plusSeconds(60));
        StoredEvent replayed = store().claim("zbd", "e1", "worker-b", T0.plusSeconds(60), LEASE).orElseThrow();

        store().complete(replayed, "worker-b", T0.plusSeconds(61));

        assertThat(store().record(event("e1"), T0.plusSeconds(62))).isEqualTo(Recorded.DONE);
        assertThat(lastErrorOf("e1")).isEmpty();
    }
}
