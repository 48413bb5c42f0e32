package org.fangkong.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.fangkong.launcher.ProvincePlan.PlannedCheckpoint;
import org.fangkong.launcher.ProvincePlan.PlannedCity;
import org.fangkong.launcher.ProvincePlan.PlannedDistrict;
import org.fangkong.launcher.ProvincePlan.PlannedKeySite;
import org.fangkong.launcher.ProvincePlan.PlannedUnit;
import org.fangkong.launcher.ProvincePlan.PlannedVideoPoint;
import org.fangkong.launcher.ProvincePlan.Scale;
import org.fangkong.launcher.ProvincePlan.Totals;
import org.junit.jupiter.api.Test;

/** The demo province as planned, before anything is started: the seed's numbers at province scale, and a plan the APIs accept. */
class ProvincePlanTest {

    @Test
    void theProvinceScaleHasTheSeedsNumbers() {
        Totals province = ProvincePlan.of(Scale.PROVINCE).totals();
        assertEquals(13, province.cities());
        assertEquals(95, province.districts(), "Jiangsu's county-level divisions");
        assertEquals(440, province.keySites());
        assertEquals(13_000, province.police(), "police in patrol units");
        assertEquals(32_000, province.auxiliaries(), "auxiliaries in patrol units");
        assertEquals(5_300, province.cars());
        assertEquals(1_460, province.firearms());
        assertArrayEquals(new int[] { 330, 420, 100, 130 }, province.checkpoints(),
                "security checkpoints, police service stations, inspection stations, mobile checkpoints");
        assertEquals(7_000, province.videoPoints());
        assertEquals(40_000, province.cameras());
        // A car's crew of two to four, foot patrols of two or four: about 21,000 units carry the 45,000 people.
        assertTrue(province.units() > 20_000 && province.units() < 22_000, province.units() + " units");
    }

    @Test
    void theSmallerScalesAreWhatTheReadmeSays() {
        Totals small = ProvincePlan.of(Scale.SMALL).totals();
        assertEquals(List.of(2, 6, 48, 6, 12, 24), List.of(small.cities(), small.districts(), small.units(), small.keySites(), small.videoPoints(),
                small.cameras()));
        assertArrayEquals(new int[] { 8, 2, 2, 2 }, small.checkpoints());
        Totals city = ProvincePlan.of(Scale.CITY).totals();
        assertEquals(List.of(13, 52, 2_080, 52, 208, 624), List.of(city.cities(), city.districts(), city.units(), city.keySites(), city.videoPoints(),
                city.cameras()));
        assertArrayEquals(new int[] { 104, 52, 26, 26 }, city.checkpoints());
    }

    @Test
    void theSmallDemoKeepsItsCitiesDistrictsAndFirstUnits() {
        ProvincePlan plan = ProvincePlan.of(Scale.SMALL);
        assertEquals(List.of("320100000000", "320500000000"), plan.cities().stream().map(PlannedCity::code).toList());
        assertEquals(List.of("320102000000", "320104000000", "320106000000"), plan.cities().get(0).districts().stream().map(PlannedDistrict::code).toList());
        assertEquals(List.of("320508000000", "320506000000", "320505000000"), plan.cities().get(1).districts().stream().map(PlannedDistrict::code).toList());
        // The demo officers' crews are Xuanwu's first units: a special patrol car, then station and auxiliary patrols on foot.
        List<PlannedUnit> xuanwu = plan.cities().get(0).districts().get(0).units();
        assertEquals(List.of("SPECIAL_PATROL", "STATION", "AUXILIARY"), xuanwu.subList(0, 3).stream().map(PlannedUnit::forceType).toList());
        assertEquals("玄武-001", xuanwu.get(0).callSign());
        assertTrue(xuanwu.get(0).car());
        assertEquals(4, plan.cities().get(0).checkpoints().stream().filter(cp -> cp.type().equals("SECURITY_CHECKPOINT")).count());
    }

    @Test
    void thePlanIsTheSameEveryTimeAndEveryNameIsUniqueWhereTheApisRequireIt() {
        assertEquals(ProvincePlan.of(Scale.PROVINCE).cities(), ProvincePlan.of(Scale.PROVINCE).cities());
        for (Scale scale : Scale.values()) {
            ProvincePlan plan = ProvincePlan.of(scale);
            Set<String> organisations = new HashSet<>();
            Set<String> cameras = new HashSet<>();
            Set<String> points = new HashSet<>();
            Set<String> checkpoints = new HashSet<>();
            for (PlannedCity city : plan.cities()) {
                assertTrue(organisations.add(city.code()), city.code());
                for (PlannedDistrict district : city.districts()) {
                    assertTrue(organisations.add(district.code()), district.code());
                    assertTrue(district.code().matches("32\\d{4}000000"), district.code());
                    district.stations().forEach(station -> assertTrue(organisations.add(station.code()), station.code()));
                    Set<String> callSigns = new HashSet<>();
                    for (PlannedUnit unit : district.units()) {
                        assertTrue(callSigns.add(unit.callSign()), unit.callSign());
                        assertTrue(unit.armedCount() <= unit.headCount(), unit.callSign());
                        assertEquals(unit.car(), unit.vehiclePlate() != null, unit.callSign());
                    }
                    assertTrue(district.units().size() <= DemoProvince.BULK, "one import call a district");
                    for (PlannedKeySite site : district.keySites()) {
                        assertEquals(2, site.postedUnits().size(), site.name());
                        site.postedUnits().forEach(u -> assertTrue(u < district.units().size()));
                        assertTrue(site.lat() >= district.south() && site.lat() <= district.north() && site.lon() >= district.west()
                                && site.lon() <= district.east(), site.name() + " lies in its district");
                    }
                    for (PlannedVideoPoint point : district.videoPoints()) {
                        assertTrue(points.add(point.gbCode()), point.gbCode());
                        assertEquals(20, point.gbCode().length(), point.gbCode());
                        assertEquals("SMART_CAPTURE", point.cameras().get(0).kind());
                        point.cameras().forEach(camera -> {
                            assertTrue(cameras.add(camera.gbCode()), camera.gbCode());
                            assertEquals(20, camera.gbCode().length(), camera.gbCode());
                        });
                    }
                }
                for (PlannedCheckpoint checkpoint : city.checkpoints()) {
                    assertTrue(checkpoints.add(checkpoint.code()), checkpoint.code());
                    if (checkpoint.type().equals("MOBILE_CHECKPOINT")) {
                        assertTrue(city.districts().get(checkpoint.carDistrict()).units().get(checkpoint.carUnit()).car(), checkpoint.code() + " rides a car");
                    }
                }
            }
        }
    }

    @Test
    void totalsAreSharedOutExactly() {
        assertArrayEquals(new int[] { 3, 3, 2 }, ProvincePlan.apportion(8, new double[] { 1, 1, 1 }));
        assertArrayEquals(new int[] { 0, 1 }, ProvincePlan.apportion(1, new double[] { 1, 2 }));
        int[] shares = ProvincePlan.apportion(330, new double[] { 9.31, 12.75, 7.46, 5.28, 9.08, 7.73, 4.60, 4.56, 6.71, 4.56, 3.21, 4.51, 4.99 });
        assertEquals(330, java.util.Arrays.stream(shares).sum());
        assertEquals(java.util.Arrays.stream(shares).max().getAsInt(), shares[1], "Suzhou, the most populous city, has the most");
        assertEquals(50, shares[1], "330 × 12.75 / 84.75 = 49.6");
    }
}
