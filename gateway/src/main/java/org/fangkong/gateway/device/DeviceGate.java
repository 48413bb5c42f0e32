package org.fangkong.gateway.device;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.gateway.client.ServiceRefusal;
import org.fangkong.gateway.client.UnitsClient;
import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.gateway.errors.ProblemException;
import org.fangkong.gateway.identity.RequestWindows;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.Problem;
import org.fangkong.platform.geo.GreatCircle;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.Secrets;
import org.fangkong.proto.units.v1.PositionFix;
import org.jboss.logging.Logger;

import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * The door for devices reporting positions: a device is who its terminal id says (a long secret bound to a unit in
 * units-service), and its fixes go on under the gateway's service account. An address that keeps failing is
 * throttled, a device that reports too often is slowed down, and a fix implying an implausible speed is flagged.
 */
@ApplicationScoped
public class DeviceGate {

    private static final Logger LOG = Logger.getLogger(DeviceGate.class);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final String LAST_FIXES = "fk:{gateway}:device-last-fix";

    private final UnitsClient units;
    private final RequestWindows windows;
    private final Redis redis;
    private final GatewayConfig.Devices config;
    private final Counter implausible;

    public DeviceGate(UnitsClient units, RequestWindows windows, Redis redis, GatewayConfig config, MeterRegistry meters) {
        this.units = units;
        this.windows = windows;
        this.redis = redis;
        this.config = config.devices();
        this.implausible = Counter.builder("fangkong.gateway.devices.implausible.jumps")
                .description("Fixes implying a speed beyond fangkong.gateway.devices.max-speed since the device's previous fix").register(meters);
    }

    /** Refuses at once an address that failed too often this minute. */
    public Uni<Void> admit(String address) {
        return windows.peek("device-failures:" + address, MINUTE).map(failures -> {
            if (failures >= config.maxFailuresPerMinute()) {
                throw tooMany("too many failed reports from this address; wait a minute");
            }
            return null;
        });
    }

    /**
     * Stores the fix through units-service and completes only when it is stored. An unknown terminal is refused with
     * {@code unknownStatus} (Traccar's convention: 400 for the query form, 404 for JSON) and counts as a failure.
     */
    public Uni<Void> report(String address, DeviceFix device, int unknownStatus) {
        return windows.count("device:" + Secrets.sha256(device.deviceId()), Duration.ofSeconds(1))
                .invoke(count -> {
                    if (count > config.reportsPerSecond()) {
                        throw tooMany("this device reports more than " + config.reportsPerSecond() + " fixes a second");
                    }
                })
                .chain(() -> units.relay(Multi.createFrom().item(device.fix())))
                .onFailure(failure -> failure instanceof ServiceRefusal refusal && refused(refusal))
                .recoverWithUni(failure -> failed(address).chain(() -> Uni.createFrom().failure(new ProblemException(Problem.of(unknownStatus,
                        unknownStatus == 404 ? "Not Found" : "Bad Request", "no unit has this device id")))))
                .call(() -> flagJump(device))
                .replaceWithVoid();
    }

    /** A report that could not be read counts against its address too. */
    public Uni<Void> malformed(String address, InvalidArgumentException failure) {
        return failed(address).chain(() -> Uni.createFrom().failure(failure));
    }

    private Uni<Void> failed(String address) {
        return windows.count("device-failures:" + address, MINUTE).replaceWithVoid();
    }

    private static boolean refused(ServiceRefusal refusal) {
        Status.Code code = refusal.status().getStatus().getCode();
        return code == Status.Code.NOT_FOUND || code == Status.Code.INVALID_ARGUMENT;
    }

    /** Compares with the device's previous fix; a jump faster than the limit is counted and logged (the fix is kept). */
    private Uni<Void> flagJump(DeviceFix device) {
        PositionFix fix = device.fix();
        String key = Secrets.sha256(device.deviceId());
        long at = Timestamps.toInstant(fix.getRecordedAt()).toEpochMilli();
        String value = fix.getPoint().getLat() + "," + fix.getPoint().getLon() + "," + at;
        return redis.send(Request.cmd(Command.HGET).arg(LAST_FIXES).arg(key))
                .call(() -> redis.send(Request.cmd(Command.HSET).arg(LAST_FIXES).arg(key).arg(value)))
                .invoke(previous -> {
                    if (previous == null) {
                        return;
                    }
                    String[] parts = previous.toString().split(",");
                    long seconds = Math.max(1, (at - Long.parseLong(parts[2])) / 1000);
                    double metres = GreatCircle.meters(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), fix.getPoint().getLat(),
                            fix.getPoint().getLon());
                    if (at > Long.parseLong(parts[2]) && metres / seconds > config.maxSpeed()) {
                        implausible.increment();
                        LOG.warnf("implausible jump from device ending %s: %.0f m in %d s", last4(device.deviceId()), metres, seconds);
                    }
                })
                .replaceWithVoid();
    }

    private static String last4(String id) {
        return id.length() <= 4 ? id : id.substring(id.length() - 4);
    }

    private static ProblemException tooMany(String detail) {
        return new ProblemException(Problem.of(429, "Too Many Requests", detail));
    }
}
