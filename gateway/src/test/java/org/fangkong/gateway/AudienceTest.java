package org.fangkong.gateway;

import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.QINHUAI;
import static org.fangkong.infra.testing.TestOrgs.SUZHOU;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.fangkong.gateway.live.Audience;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.proto.events.v1.CameraStateChanged;
import org.fangkong.proto.events.v1.CommandModeChanged;
import org.fangkong.proto.events.v1.CordonChanged;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.events.v1.IncidentChanged;
import org.fangkong.proto.events.v1.UnitPosition;
import org.fangkong.proto.events.v1.UnitStatusChanged;
import org.junit.jupiter.api.Test;

/** Who gets which live event: the routing table of README's "Live events", event by event and listener by listener. */
class AudienceTest {

    static final String UNIT = "unit-7";
    static final String CHECKPOINT = "checkpoint-3";

    static Audience as(String role, String org) {
        return new Audience("someone", Set.of(role), OrgCode.of(org), role.equals("officer") ? UNIT : null,
                role.equals("checkpoint") ? CHECKPOINT : null, Instant.now().plusSeconds(600));
    }

    static Event.Builder in(String org, String type) {
        return Event.newBuilder().setId("e").setType(type).setOrgCode(org);
    }

    /** For each event, the listeners (role of Xuanwu, unless named "role@org") who get it. */
    @Test
    void eachEventReachesExactlyWhomItConcerns() {
        Map<String, Event> events = new TreeMap<>();
        events.put("a dispatch order to unit-7", in(XUANWU, "incident.dispatched").setIncidentChanged(IncidentChanged.newBuilder().setIncidentId("i")
                .addUnitIds(UNIT)).build());
        events.put("an incident of Xuanwu", in(XUANWU, "incident.reported").setIncidentChanged(IncidentChanged.newBuilder().setIncidentId("i")).build());
        events.put("an incident of Qinhuai", in(QINHUAI, "incident.reported").setIncidentChanged(IncidentChanged.newBuilder().setIncidentId("i")).build());
        events.put("a command mode switch", in(XUANWU, "command.mode").setCommandModeChanged(CommandModeChanged.newBuilder().setMode("EMERGENCY")).build());
        events.put("another unit's status", in(XUANWU, "unit.status").setUnitStatusChanged(UnitStatusChanged.newBuilder().setUnitId("unit-8")).build());
        events.put("unit-7's status", in(XUANWU, "unit.status").setUnitStatusChanged(UnitStatusChanged.newBuilder().setUnitId(UNIT)).build());
        events.put("a position", in(XUANWU, "unit.position").setUnitPosition(UnitPosition.newBuilder().setUnitId("unit-8")).build());
        events.put("a cordon with checkpoint-3", in(NANJING, "cordon.activated").setCordonChanged(CordonChanged.newBuilder().addCheckpointIds(CHECKPOINT)
                .addCheckpointIds("checkpoint-4")).build());
        events.put("a cordon without it", in(NANJING, "cordon.activated").setCordonChanged(CordonChanged.newBuilder().addCheckpointIds("checkpoint-4")).build());
        events.put("a camera offline", in(XUANWU, "camera.offline").setCameraStateChanged(CameraStateChanged.newBuilder().setCameraId("c")).build());

        List<String> listeners = List.of("officer", "checkpoint", "video-operator", "dispatcher", "command-center", "commander", "analyst", "admin",
                "dispatcher@" + SUZHOU, "commander@" + NANJING);
        Map<String, List<String>> expected = new TreeMap<>(Map.of(
                "a dispatch order to unit-7", List.of("officer", "dispatcher", "command-center", "commander", "commander@" + NANJING),
                "an incident of Xuanwu", List.of("dispatcher", "command-center", "commander", "commander@" + NANJING),
                "an incident of Qinhuai", List.of("commander@" + NANJING),
                "a command mode switch", List.of("dispatcher", "command-center", "commander", "analyst", "admin", "commander@" + NANJING),
                "another unit's status", List.of("dispatcher", "command-center", "commander", "commander@" + NANJING),
                "unit-7's status", List.of("officer", "dispatcher", "command-center", "commander", "commander@" + NANJING),
                "a position", List.of("dispatcher", "command-center", "commander", "commander@" + NANJING),
                // A city's cordon: its member checkpoint's staff, and the city's commander; a district's desk is below the city.
                "a cordon with checkpoint-3", List.of("checkpoint", "commander@" + NANJING),
                "a cordon without it", List.of("commander@" + NANJING),
                "a camera offline", List.of("video-operator", "dispatcher", "command-center", "commander", "commander@" + NANJING)));
        expected.keySet().forEach(name -> assertEquals(true, events.containsKey(name), name));

        Map<String, List<String>> actual = new TreeMap<>();
        events.forEach((name, event) -> actual.put(name, listeners.stream().filter(listener -> {
            String[] parts = listener.split("@");
            return as(parts[0], parts.length > 1 ? parts[1] : XUANWU).sees(event);
        }).toList()));
        assertEquals(expected, actual);
    }
}
