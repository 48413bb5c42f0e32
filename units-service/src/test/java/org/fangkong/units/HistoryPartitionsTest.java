package org.fangkong.units;

import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.fangkong.units.UnitsTestClient.GATEWAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestInfrastructure;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.units.position.history.HistoryPartitions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/** Position history lives in daily partitions made ahead of time; partitions past the retention are dropped whole. */
@QuarkusTest
@ServiceTest
class HistoryPartitionsTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    @Inject
    HistoryPartitions partitions;

    private static String partitionOf(Unit unit) throws Exception {
        try (Connection connection = database(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select tableoid::regclass::text from position_fix where unit_id = '" + unit.getId() + "'")) {
            return rows.next() ? rows.getString(1) : "";
        }
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(TestInfrastructure.get().postgres().jdbcUrl("units"), "units", "units");
    }

    private static List<String> partitionNames() throws Exception {
        try (Connection connection = database(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                        + "join pg_class p on p.oid = i.inhparent where p.relname = 'position_fix' order by 1")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    @Test
    void theComingDaysHavePartitionsAndTodaysFixesLandInTodays() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> names = partitionNames();
        for (int i = 0; i <= 3; i++) {
            assertTrue(names.contains("position_fix_" + DAY.format(today.plusDays(i))), names.toString());
        }
        try (UnitsTestClient units = new UnitsTestClient(RestAssured.port)) {
            Unit unit = units.unit(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
            Instant now = Instant.now();
            units.report(GATEWAY, List.of(UnitsTestClient.fix(unit, UnitsTestClient.freshSpot()[0], UnitsTestClient.freshSpot()[1], now)));
            Eventually.until("the fix in the history", Duration.ofSeconds(5), () -> !partitionOf(unit).isEmpty());
            assertEquals("position_fix_" + DAY.format(now.atOffset(ZoneOffset.UTC).toLocalDate()), partitionOf(unit));
        }
    }

    @Test
    void partitionsPastTheRetentionAreDropped() throws Exception {
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists position_fix_20000101 partition of position_fix "
                    + "for values from ('2000-01-01') to ('2000-01-02')");
            statement.execute("insert into position_fix values (gen_random_uuid(), '2000-01-01T12:00:00Z', '320102000000', 32, 118, 5, 0, 0)");
        }
        org.fangkong.platform.partitions.DailyPartitions.Round round = partitions.maintain().await().indefinitely();
        assertEquals(List.of("position_fix_20000101"), round.dropped());
        assertTrue(!partitionNames().contains("position_fix_20000101"));
        // A second round finds nothing to do.
        org.fangkong.platform.partitions.DailyPartitions.Round again = partitions.maintain().await().indefinitely();
        assertEquals(List.of(), again.created());
        assertEquals(List.of(), again.dropped());
    }
}
