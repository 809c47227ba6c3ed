package dev.ramphook.store.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster that {@code jetty-example/bench/durable.sh} measures on: reachable as pgbench and the example reach
 * it (the port of its ready line, 127.0.0.1, user postgres, no password) and as durable as PostgreSQL ships, so that
 * its insert commits are a fair baseline for durable acknowledgements.
 */
class BenchPostgresTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = BenchPostgres.start(0, false, true);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void theReadyLineNamesThePortThatPgbenchConnectsTo() throws Exception {
        Matcher ready = Pattern.compile("READY port=(\\d+)").matcher(BenchPostgres.readyLine(postgres));

        assertThat(ready.matches()).isTrue();
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + ready.group(1) + "/postgres", "postgres", "")) {
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void everyCommitIsFlushedAsPostgresqlShipsIt() throws Exception {
        assertThat(setting("synchronous_commit")).isEqualTo("on");
        assertThat(setting("fsync")).isEqualTo("on");
    }

    @Test
    void withoutDurabilityNeitherFlushesNorWaitsAsAckThroughputsClusterDoes() throws Exception {
        try (EmbeddedPostgres fast = BenchPostgres.start(0, false, false)) {
            assertThat(setting(fast, "synchronous_commit")).isEqualTo("off");
            assertThat(setting(fast, "fsync")).isEqualTo("off");
        }
    }

    @Test
    void hasRoomForPgbenchThePoolAndTheSamplers() throws Exception {
        assertThat(Integer.parseInt(setting("max_connections"))).isGreaterThanOrEqualTo(100);
    }

    private static String setting(String name) throws SQLException {
        return setting(postgres, name);
    }

    private static String setting(EmbeddedPostgres server, String name) throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
