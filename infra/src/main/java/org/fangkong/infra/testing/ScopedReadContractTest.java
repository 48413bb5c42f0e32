package org.fangkong.infra.testing;

import static org.fangkong.infra.testing.TestOrgs.*;

import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.rpc.BadRequest;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.restassured.RestAssured;

/**
 * The organisation-scope rule every service applies to a read by id: a record of the caller's subtree is returned,
 * one outside it is NOT_FOUND (its existence does not leak), a malformed id is INVALID_ARGUMENT naming {@code id},
 * and a role without business there is PERMISSION_DENIED.
 */
public abstract class ScopedReadContractTest {


    protected ManagedChannel channel;

    /** Stores a record owned by {@code org} straight in the service's database; returns its id. */
    protected abstract String insert(String org);

    /** Reads the record by id over gRPC with the token; returns the id the service answered with. */
    protected abstract String read(ManagedChannel channel, String token, String id);

    /** A role that may read these records. */
    protected abstract String readerRole();

    @BeforeEach
    void openChannel() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", RestAssured.port).usePlaintext().build();
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aRecordOfTheCallersSubtreeIsReturned() {
        String id = insert(XUANWU);
        assertEquals(id, read(channel, TestTokens.user("reader-nanjing", NANJING, readerRole()), id));
        assertEquals(id, read(channel, TestTokens.user("reader-xuanwu", XUANWU, readerRole()), id));
        assertEquals(id, read(channel, TestTokens.service("another-app"), id));
    }

    @Test
    void aRecordOutsideTheCallersScopeIsNotFound() {
        String id = insert(XUANWU);
        assertStatus(Code.NOT_FOUND, () -> read(channel, TestTokens.user("reader-suzhou", SUZHOU, readerRole()), id));
        assertStatus(Code.NOT_FOUND, () -> read(channel, TestTokens.user("reader-gulou", "320106000000", readerRole()), id));
        assertStatus(Code.NOT_FOUND, () -> read(channel, TestTokens.user("reader-nanjing", NANJING, readerRole()), UUID.randomUUID().toString()));
    }

    @Test
    void aMalformedIdIsInvalidNamingTheField() throws Exception {
        StatusRuntimeException refused = assertStatus(Code.INVALID_ARGUMENT,
                () -> read(channel, TestTokens.user("reader-nanjing", NANJING, readerRole()), "17"));
        BadRequest details = StatusProto.fromThrowable(refused).getDetails(0).unpack(BadRequest.class);
        assertEquals(List.of("id"), details.getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList());
    }

    @Test
    void otherAgenciesCannotReadThroughTheInternalApi() {
        String id = insert(XUANWU);
        assertStatus(Code.PERMISSION_DENIED, () -> read(channel, TestTokens.user("traffic-police", NANJING, "agency"), id));
    }
}
