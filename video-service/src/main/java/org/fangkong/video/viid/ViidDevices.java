package org.fangkong.video.viid;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.video.camera.service.CameraHeartbeats;
import org.fangkong.video.config.VideoConfig;
import org.fangkong.video.gb.DeviceCode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Who may use the GA/T 1400 endpoints, and their sessions: a device registers with HTTP Digest, keeps its session
 * alive, and may post only while the session lives. A capture camera's keep-alive is also its camera heartbeat.
 */
@ApplicationScoped
public class ViidDevices {

    private final Clock clock;
    private final VideoConfig config;
    private final CameraHeartbeats heartbeats;
    private final Digest digest;

    public ViidDevices(Clock clock, VideoConfig config, CameraHeartbeats heartbeats) {
        this.clock = clock;
        this.config = config;
        this.heartbeats = heartbeats;
        this.digest = new Digest(config.viid().realm(), config.viid().nonceSecret(), config.viid().nonceLifetime());
    }

    public Digest digest() {
        return digest;
    }

    public Uni<ViidDevice> set(Caller caller, String deviceId, ViidDevice.Kind kind, String orgCode, String password) {
        new Violations().require(kind != null, "kind", "must be CAPTURE_CAMERA or COLLECTION_SYSTEM")
                .require(password.length() >= 12 && password.length() <= 64, "password", "must be 12 to 64 characters")
                .throwIfAny();
        String id = kind == ViidDevice.Kind.CAPTURE_CAMERA ? DeviceCode.check(deviceId, "device_id") : DeviceCode.checkStructure(deviceId, "device_id");
        return Panache.withTransaction(() -> owner(kind, id, orgCode).chain(org -> {
            caller.requireScope("org_code", org);
            return Panache.getSession().chain(session -> session.find(ViidDevice.class, id).chain(found -> {
                ViidDevice device = found != null ? found : new ViidDevice(id, caller.auditName(), now());
                if (found != null) {
                    caller.requireScope("device_id", OrgCode.of(found.getOrgCode()));
                }
                device.grant(kind, org.value(), digest.realm(), Digest.ha1(id, digest.realm(), password));
                return found != null ? Uni.createFrom().item(device) : session.persist(device).replaceWith(device);
            }));
        }));
    }

    /** A camera device belongs to its camera's organisation; a collection system to the one named. */
    private Uni<OrgCode> owner(ViidDevice.Kind kind, String id, String orgCode) {
        if (kind == ViidDevice.Kind.COLLECTION_SYSTEM) {
            return Uni.createFrom().item(OrgCode.parse("org_code", orgCode));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select org_code from camera where gb_code = ?1 and retired_at is null", String.class).setParameter(1, id).getResultList())
                .map(orgs -> orgs.stream().findFirst().map(OrgCode::of)
                        .orElseThrow(() -> new InvalidArgumentException("device_id", "names no camera in service; register the camera first")));
    }

    public Uni<ViidDevice> get(Caller caller, String deviceId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.find(ViidDevice.class, deviceId)))
                .map(found -> Optional.ofNullable(found).flatMap(d -> caller.visible(d, ViidDevice::getOrgCode))
                        .orElseThrow(NotFoundException.of("GA/T 1400 device", deviceId)));
    }

    public Uni<Void> delete(Caller caller, String deviceId) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.find(ViidDevice.class, deviceId).chain(found -> {
            ViidDevice device = Optional.ofNullable(found).flatMap(d -> caller.visible(d, ViidDevice::getOrgCode))
                    .orElseThrow(NotFoundException.of("GA/T 1400 device", deviceId));
            return session.remove(device);
        })));
    }

    /**
     * Opens (or, for {@code UnRegister}, closes) a device's session when its Digest response is right. Unknown devices
     * and wrong passwords get the same answer, so the endpoint does not tell which device ids exist.
     */
    public Uni<Digest.Check> register(String deviceId, String authorization, String path, boolean open) {
        Optional<Digest.Credentials> credentials = Digest.parse(authorization);
        if (credentials.isEmpty() || !credentials.get().get("username").equals(deviceId)) {
            return Uni.createFrom().item(Digest.Check.INVALID);
        }
        Instant now = now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.find(ViidDevice.class, deviceId)).map(device -> {
            if (device == null) {
                return Digest.Check.INVALID;
            }
            Digest.Check check = digest.verify(credentials.get(), "POST", path, device.getDigestHa1(), now);
            if (check == Digest.Check.VALID) {
                if (open) {
                    device.register(now);
                } else {
                    device.endSession();
                }
            }
            return check;
        }));
    }

    /** Extends a live session; false when the device must register (again). */
    public Uni<Boolean> keepAlive(String deviceId) {
        Instant now = now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.find(ViidDevice.class, deviceId)).map(device -> {
            if (device == null || !device.registered(now, config.viid().sessionTimeout())) {
                return Optional.<ViidDevice>empty();
            }
            device.keepAlive(now);
            return Optional.of(device);
        })).call(live -> live.filter(d -> d.getKind() == ViidDevice.Kind.CAPTURE_CAMERA)
                .map(d -> heartbeats.beat(List.of(d.getDeviceId())).replaceWithVoid()).orElse(Uni.createFrom().voidItem()))
                .map(Optional::isPresent);
    }

    /** The device behind a live session, if any. */
    public Uni<Optional<ViidDevice>> session(String deviceId) {
        Instant now = now();
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.find(ViidDevice.class, deviceId)))
                .map(device -> Optional.ofNullable(device).filter(d -> d.registered(now, config.viid().sessionTimeout())));
    }

    /** Those of {@code codes} the device may post captures for: itself, or a collection system's subtree. */
    public Uni<Set<String>> reportable(ViidDevice device, Set<String> codes) {
        String prefix = OrgCode.of(device.getOrgCode()).scopePrefix();
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select gb_code from camera where gb_code = any(cast(?1 as varchar[])) and retired_at is null and org_code like ?2", String.class)
                .setParameter(1, codes.toArray(String[]::new)).setParameter(2, prefix + "%").getResultList()))
                .map(found -> found.stream()
                        .filter(code -> device.getKind() == ViidDevice.Kind.COLLECTION_SYSTEM || code.equals(device.getDeviceId()))
                        .collect(Collectors.toSet()));
    }

    public boolean registered(ViidDevice device) {
        return device.registered(now(), config.viid().sessionTimeout());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
