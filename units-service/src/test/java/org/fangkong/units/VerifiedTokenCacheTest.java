package org.fangkong.units;

import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.SUZHOU;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.identity.VerifiedTokens;
import org.fangkong.proto.units.v1.CreateUnitRequest;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.GetUnitRequest;
import org.fangkong.proto.units.v1.Unit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** A bearer token is verified once and then remembered, without widening what its holder may do or see. */
@QuarkusTest
@ServiceTest
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokens tokens;

    private UnitsTestClient units;
    private Unit xuanwuUnit;

    @BeforeEach
    void open() {
        units = new UnitsTestClient(RestAssured.port);
        xuanwuUnit = units.unit(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
    }

    @AfterEach
    void close() throws InterruptedException {
        units.close();
    }

    private Unit read(String token) {
        return units.as(token).getUnit(GetUnitRequest.newBuilder().setId(xuanwuUnit.getId()).build());
    }

    @Test
    void aTokenIsVerifiedOnceAndItsRolesAndScopeStillApplyToEveryCall() {
        String dispatcher = TestTokens.user("cache-duty-" + Instant.now().toEpochMilli(), NANJING, "dispatcher");
        long before = tokens.verifications();

        assertEquals(xuanwuUnit.getId(), read(dispatcher).getId());
        assertEquals(xuanwuUnit.getId(), read(dispatcher).getId());
        assertEquals(before + 1, tokens.verifications(), "the second call with the same token verifies no signature");

        // The remembered identity is a dispatcher's: an administrator's call is still refused.
        assertStatus(Code.PERMISSION_DENIED, () -> units.as(dispatcher).createUnit(CreateUnitRequest.newBuilder().setCallSign("U-cache")
                .setOrgCode(XUANWU).setForceType(ForceType.SPECIAL_PATROL).setHeadCount(2).build()));
        // And a Suzhou dispatcher's remembered identity still sees nothing of Nanjing.
        String suzhou = TestTokens.user("cache-suzhou-" + Instant.now().toEpochMilli(), SUZHOU, "dispatcher");
        assertStatus(Code.NOT_FOUND, () -> read(suzhou));
        assertStatus(Code.NOT_FOUND, () -> read(suzhou));
        assertEquals(before + 2, tokens.verifications());
    }

    @Test
    void aTokenDifferingByOneCharacterIsVerifiedAfreshAndRefused() {
        String dispatcher = TestTokens.user("cache-duty-one-" + Instant.now().toEpochMilli(), NANJING, "dispatcher");
        read(dispatcher);
        // A character inside the signature (the last one may only carry padding bits).
        int at = dispatcher.length() - 10;
        String altered = dispatcher.substring(0, at) + (dispatcher.charAt(at) == 'A' ? 'B' : 'A') + dispatcher.substring(at + 1);
        long before = tokens.verifications();

        assertStatus(Code.UNAUTHENTICATED, () -> read(altered));
        assertStatus(Code.UNAUTHENTICATED, () -> read(altered));
        assertEquals(before, tokens.verifications(), "a refused token is never remembered");
        assertEquals(xuanwuUnit.getId(), read(dispatcher).getId());
    }

    @Test
    void aForgedTokenIsRefusedEveryTime() {
        String forged = TestTokens.forged("cache-forger", NANJING, "dispatcher");
        for (int call = 0; call < 3; call++) {
            assertStatus(Code.UNAUTHENTICATED, () -> read(forged));
        }
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        String shortLived = TestTokens.expiringAt(expiresAt, "cache-short-" + Instant.now().toEpochMilli(), NANJING, "dispatcher");
        long before = tokens.verifications();
        assertEquals(xuanwuUnit.getId(), read(shortLived).getId());
        assertEquals(xuanwuUnit.getId(), read(shortLived).getId());
        assertEquals(before + 1, tokens.verifications());

        Eventually.until("the expired token refused", Duration.ofSeconds(10), () -> {
            try {
                read(shortLived);
                return false;
            } catch (StatusRuntimeException refused) {
                assertEquals(Code.UNAUTHENTICATED, refused.getStatus().getCode());
                return true;
            }
        });
        // Refused at its expiry (within a poll and a second of the exp claim's rounding), not when the cache felt like it.
        assertTrue(Instant.now().isBefore(expiresAt.plusSeconds(2)), "refused only at " + Instant.now() + ", expired " + expiresAt);
    }
}
