package org.fangkong.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a start says when the working folder holds a province it cannot use, and how a refused shift start is read. */
class DemoProvinceTest {

    private final DemoProvince demo = new DemoProvince(null, null, null, null);

    @Test
    void aSeedingThatStoppedPartWaySaysWhatFailedAndToStartAfresh(@TempDir Path work) throws Exception {
        Path file = work.resolve("demo-province.json");
        Files.writeString(work.resolve("demo-province.json.seeding"), "POST /api/v1/zones answered 503: {\"status\":503}", StandardCharsets.UTF_8);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> demo.seedOrLoad(ProvincePlan.Scale.CITY, file));
        assertTrue(refused.getMessage().contains("POST /api/v1/zones answered 503"), refused.getMessage());
        assertTrue(refused.getMessage().contains("start again with --fresh"), refused.getMessage());
    }

    @Test
    void aProvinceOfAnotherScaleIsNotReusedAndTheStartSaysHowToSeedTheOneAskedFor(@TempDir Path work) throws Exception {
        Path file = work.resolve("demo-province.json");
        Files.writeString(file, "{\"scale\":\"SMALL\",\"units\":[],\"crewUnits\":{},\"wantedCount\":0,\"wantedPlates\":[],\"districts\":[],"
                + "\"checkpoints\":[],\"cordonPlans\":{},\"cameras\":[],\"staffedCheckpoint\":\"x\"}", StandardCharsets.UTF_8);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> demo.seedOrLoad(ProvincePlan.Scale.CITY, file));
        assertEquals("the working folder holds a small demo province; start with --fresh to seed a city one", refused.getMessage());
        assertEquals("SMALL", demo.seedOrLoad(ProvincePlan.Scale.SMALL, file).scale());
    }

    @Test
    void aShiftStartRefusedForUnitsOnAnIncidentNamesThemAndNothingElse() {
        List<String> batch = List.of("u0", "u1", "u2", "u3");
        String body = "{\"title\":\"Conflict\",\"status\":409,\"invalid-params\":[{\"name\":\"unitIds[1]\",\"reason\":\"it is DISPATCHED\"},"
                + "{\"name\":\"unitIds[3]\",\"reason\":\"it is ON_SCENE\"}]}";
        assertEquals(List.of("u1", "u3"), DemoProvince.onIncident(new GatewayApi.ApiException("PUT /api/v1/units/status", 409, body), batch));
        assertEquals(List.of(), DemoProvince.onIncident(new GatewayApi.ApiException("PUT /api/v1/units/status", 403, body), batch));
        assertEquals(List.of(), DemoProvince.onIncident(new GatewayApi.ApiException("PUT /api/v1/units/status", 409, "not json"), batch));
    }
}
