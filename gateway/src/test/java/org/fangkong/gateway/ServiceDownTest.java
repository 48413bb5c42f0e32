package org.fangkong.gateway;

import static io.restassured.RestAssured.given;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.fangkong.infra.FreePorts;
import org.fangkong.infra.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** alert-service down (nothing listens where the gateway looks for it): its domain answers 503, units keep answering. */
@GatewayTest
@TestProfile(ServiceDownTest.AlertServiceDown.class)
class ServiceDownTest {

    public static class AlertServiceDown implements QuarkusTestProfile {
        private static final String NOWHERE = String.valueOf(FreePorts.pick());

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.grpc.clients.alerts.port", NOWHERE, "quarkus.grpc.clients.alerts.test-port", NOWHERE);
        }
    }

    @Test
    void theIncidentDomainAnswers503WhileUnitsKeepWorking() {
        String duty = TestTokens.user("duty-xuanwu", XUANWU, "dispatcher");
        for (int i = 0; i < 12; i++) {
            given().auth().oauth2(duty).queryParam("orgCode", XUANWU).get("/api/v1/incidents").then()
                    .statusCode(503).contentType("application/problem+json");
        }
        // By now the breaker is open: the answer comes at once, with when to try again.
        given().auth().oauth2(duty).queryParam("orgCode", XUANWU).get("/api/v1/incidents").then()
                .statusCode(503).header("Retry-After", notNullValue()).time(lessThan(1000L));

        String id = UnitsApiTest.register(UnitsApiTest.patrolCar(XUANWU));
        given().auth().oauth2(TestTokens.user("duty-nanjing", NANJING, "dispatcher")).get("/api/v1/units/" + id).then()
                .statusCode(200).body("id", equalTo(id));
    }
}
