package org.fangkong.platform.grpc;

import java.time.Instant;

import com.google.protobuf.Timestamp;

/** Conversions between {@link Instant} and {@code google.protobuf.Timestamp}. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant toInstant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    public static Timestamp of(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Timestamp ofEpochMilli(long millis) {
        return of(Instant.ofEpochMilli(millis));
    }
}
