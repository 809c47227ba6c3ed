package dev.ramphook.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcRows#setInstant} binds an instant as its ISO-8601 text rather than as an {@link OffsetDateTime}, whose
 * binding built the driver's {@code TimestampUtils} and its {@code GregorianCalendar} for every statement (the
 * completion writer's third hottest frame, issue 21). The stored instant must be the one the driver stored:
 * random instants, the finest digits rounded as the driver rounds them, whatever the JVM's time zone (the driver
 * sets the session's from it).
 */
class JdbcInstantBindingTest {

    private static final String[] ZONES = {"UTC", "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati",
            "Europe/Berlin", "America/Los_Angeles"};

    @Test
    void storedInstantsAreTheDriversWhateverTheJvmsTimeZone() throws Exception {
        Random random = new Random(21);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-03-29T01:59:59.999999500Z"),
                Instant.parse("2026-10-25T00:59:59.999999499Z"), Instant.parse("9999-12-31T23:59:59.999999Z"),
                Instant.parse("2026-12-06T16:30:00.000000500Z"), Instant.parse("2026-12-06T16:30:00.000001500Z")));
        for (int i = 0; i < 600; i++) {
            long second = random.nextLong(0, 253_402_300_799L);
            int nanos = switch (i % 4) {
                case 0 -> random.nextInt(1_000_000_000);
                case 1 -> random.nextInt(1_000_000) * 1_000; // whole microseconds, as the clock mostly gives
                case 2 -> random.nextInt(1_000_000) * 1_000 + 500; // the rounding's tie
                default -> random.nextInt(1_000) * 1_000_000 + 999_999_999 % 1_000_000;
            };
            instants.add(Instant.ofEpochSecond(second, nanos));
        }
        TimeZone jvm = TimeZone.getDefault();
        try {
            for (String zone : ZONES) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                assertThat(differences(instants)).as(zone).isEmpty();
            }
        } finally {
            TimeZone.setDefault(jvm);
        }
    }

    /** The instants whose two bindings stored different values, with both, as the database reads them back. */
    private static List<String> differences(List<Instant> instants) throws Exception {
        List<String> differences = new ArrayList<>();
        try (Connection c = TestPostgres.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE bound (n int, by_driver timestamptz, by_text timestamptz)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bound VALUES (?, ?, ?)")) {
                for (int n = 0; n < instants.size(); n++) {
                    ps.setInt(1, n);
                    ps.setObject(2, OffsetDateTime.ofInstant(instants.get(n), ZoneOffset.UTC)); // the old binding
                    JdbcRows.setInstant(ps, 3, instants.get(n));
                    ps.addBatch();
                }
                ps.setInt(1, -1);
                ps.setObject(2, null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                JdbcRows.setInstant(ps, 3, null);
                ps.addBatch();
                ps.executeBatch();
            }
            // Also as a statement's comparison reads it, not only as a column's value.
            try (PreparedStatement ps = c.prepareStatement("SELECT n, by_driver, by_text FROM bound"
                    + " WHERE by_driver IS DISTINCT FROM by_text OR NOT (by_text = ? OR n <> 0)")) {
                JdbcRows.setInstant(ps, 1, instants.get(0));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        differences.add(instants.get(rs.getInt(1)) + ": " + rs.getString(2) + " vs " + rs.getString(3));
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bound");
            }
        }
        return differences;
    }
}
