package org.fangkong.platform.wanted;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.redis.RedisKeys;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * O(1) matching against the active wanted list, for any service: one {@code HGET} on the mirror checkpoint-service
 * keeps in Redis. Validity is checked here against the clock, so an expired entry stops matching the moment it
 * expires. The most severe matching entry wins.
 *
 * <pre>{@code
 * reader.vehicle(Plates.normalise(capture.plate(), "plate"), Plates.colour(capture.colour(), "plate_colour"))
 *       .map(hit -> hit.map(mark -> ...));
 * }</pre>
 */
@ApplicationScoped
public class WantedListReader {

    private final Redis redis;
    private final Clock clock;

    public WantedListReader(Redis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** @param plate a plate already normalised with {@link Plates#normalise} */
    public Uni<Optional<WantedMark>> vehicle(String plate, Plates.Colour colour) {
        return match(vehicleField(plate), colour);
    }

    /** @param idHash {@link IdNumbers#hash} of the normalised number */
    public Uni<Optional<WantedMark>> person(String idHash) {
        return match(personField(idHash), null);
    }

    public static String vehicleField(String plate) {
        return "V:" + plate;
    }

    public static String personField(String idHash) {
        return "P:" + idHash;
    }

    private Uni<Optional<WantedMark>> match(String field, Plates.Colour colour) {
        return redis.send(Request.cmd(Command.HGET).arg(RedisKeys.wantedList()).arg(field)).map(value -> {
            List<WantedMark> marks = WantedMark.decodeAll(value == null ? null : value.toString());
            return marks.stream()
                    .filter(mark -> mark.matches(colour, clock.instant()))
                    .min(Comparator.comparingInt(WantedMark::severity));
        });
    }
}
