package dev.ramphook.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** {@link JdbcEventStore} on a real PostgreSQL keeps the {@link EventStore} contract. */
class JdbcEventStoreContractTest extends EventStoreContract implements LastErrorContract, SearchContract,
        AttemptHistoryContract {

    private String prefix;

    @Override
    protected EventStore newStore() {
        prefix = TestPostgres.freshPrefix();
        return JdbcEventStore.builder(TestPostgres.dataSource()).tablePrefix(prefix).build();
    }

    @Override
    public Optional<String> lastErrorOf(String key) {
        try (Connection connection = TestPostgres.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT last_error FROM " + prefix + "events WHERE provider = 'zbd' AND event_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new AssertionError("no row for " + key);
                }
                return Optional.ofNullable(row.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
