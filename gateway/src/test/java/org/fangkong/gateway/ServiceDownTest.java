package org.fangkong.gateway;

import static io.restassured.RestAssured.given;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.fangkong.infra.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * alert-service down (its process stopped, nothing listening on its port): its domain answers 503, units keep
 * answering; when it is back on its address, incidents answer again once the breaker lets a call through.
 */
@GatewayTest
class ServiceDownTest {

    @Test
    void theIncidentDomainAnswers503WhileUnitsKeepWorkingAndComesBackWithTheService() {
        String duty = TestTokens.user("duty-xuanwu", XUANWU, "dispatcher");
        GatewayTestResources.withAlertServiceDown(() -> {
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
        });
        // The breaker waits 5 s before it tries the service again.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(
                () -> given().auth().oauth2(duty).queryParam("orgCode", XUANWU).get("/api/v1/incidents").statusCode() == 200);
    }
}
