package org.fangkong.platform.wanted;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.redis.RedisKeys;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * O(1) matching against the active wanted list, for any service: one {@code HGET} on the mirror checkpoint-service
 * keeps in Redis (one {@code HMGET} for a batch). Validity is checked here against the clock, so an expired entry stops matching the moment it
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

    /**
     * Many plates in one round trip ({@code HMGET}), as a batch of captures needs them: the answers in the order asked;
     * a null plate (unread) matches nothing.
     *
     * @param plates plates already normalised with {@link Plates#normalise}, or null
     * @param colours the read colour of each plate, or null
     */
    public Uni<List<Optional<WantedMark>>> vehicles(List<String> plates, List<Plates.Colour> colours) {
        List<Optional<WantedMark>> found = new ArrayList<>(Collections.nCopies(plates.size(), Optional.empty()));
        List<Integer> asked = new ArrayList<>();
        Request fields = Request.cmd(Command.HMGET).arg(RedisKeys.wantedList());
        for (int i = 0; i < plates.size(); i++) {
            if (plates.get(i) != null) {
                asked.add(i);
                fields.arg(vehicleField(plates.get(i)));
            }
        }
        if (asked.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        return redis.send(fields).map(values -> {
            Instant now = clock.instant();
            for (int k = 0; k < asked.size(); k++) {
                int i = asked.get(k);
                found.set(i, mostSevere(values.get(k), colours.get(i), now));
            }
            return found;
        });
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
        return redis.send(Request.cmd(Command.HGET).arg(RedisKeys.wantedList()).arg(field)).map(value -> mostSevere(value, colour, clock.instant()));
    }

    private static Optional<WantedMark> mostSevere(Response value, Plates.Colour colour, Instant now) {
        return WantedMark.decodeAll(value == null ? null : value.toString()).stream()
                .filter(mark -> mark.matches(colour, now))
                .min(Comparator.comparingInt(WantedMark::severity));
    }
}
