package org.fangkong.video.camera.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.ConflictException;
import org.fangkong.platform.errors.DatabaseConstraints;
import org.fangkong.platform.errors.FailedPreconditionException;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.geo.GeoLocation;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.paging.Paging;
import org.fangkong.video.camera.Camera;
import org.fangkong.video.camera.repository.CameraRepository;
import org.fangkong.video.gb.DeviceCode;
import org.fangkong.video.point.VideoPoint;
import org.fangkong.video.point.repository.VideoPointRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Video points and their cameras, and the online rate of a subtree. */
@ApplicationScoped
public class CameraRegistry {

    private final VideoPointRepository points;
    private final CameraRepository cameras;
    private final Clock clock;

    public CameraRegistry(VideoPointRepository points, CameraRepository cameras, Clock clock) {
        this.points = points;
        this.cameras = cameras;
        this.clock = clock;
    }

    /** Cameras and online cameras of one organisation prefix. */
    public record Rate(String orgCode, int cameras, int online) {
        public double rate() {
            return cameras == 0 ? 0 : (double) online / cameras;
        }
    }

    public Uni<VideoPoint> createPoint(Caller caller, String gbCode, String name, String orgCode, GeoLocation location, int positionType) {
        String code = DeviceCode.check(gbCode, "gb_code");
        pointFields(name, positionType).throwIfAny();
        OrgCode org = OrgCode.parse("org_code", orgCode);
        caller.requireScope("org_code", org);
        return Panache.withTransaction(() -> points.count("gbCode", code).chain(taken -> {
            if (taken > 0) {
                throw new ConflictException("video point " + code + " is already registered");
            }
            return points.persist(new VideoPoint(code, name.strip(), org.value(), location, positionType, caller.auditName(), now()))
                    .call(() -> points.flush());
        })).onFailure(failure -> DatabaseConstraints.violated(failure, "video_point_gb_code_key"))
                .transform(failure -> new ConflictException("video point " + code + " was registered concurrently"));
    }

    private static Violations pointFields(String name, int positionType) {
        return new Violations().notBlank(name, "name")
                .require(name.length() <= 128, "name", "must be at most 128 characters")
                .require(positionType >= 1 && positionType <= 10, "position_type",
                        "must be a GB position type 1..10 (1 provincial inspection station ... 10 traffic arteries)");
    }

    private static Violations cameraFields(String name, Camera.Kind kind, Camera.PtzType ptzType, String streamUrl) {
        return new Violations().notBlank(name, "name")
                .require(name.length() <= 128, "name", "must be at most 128 characters")
                .require(kind != null, "kind", "must name a camera kind")
                .require(ptzType != null, "ptz_type", "must name a PTZ type")
                .require(streamUrl.length() <= 512, "stream_url", "must be at most 512 characters")
                .require(streamUrl.isEmpty() || streamUrl.matches("(rtsp|rtmp|https?)://\\S+"), "stream_url", "must be an rtsp, rtmp or http(s) URL");
    }

    /** Changes a point's name, place or type (null keeps each); its code and organisation stay. */
    public Uni<VideoPoint> updatePoint(Caller caller, UUID id, String name, GeoLocation location, Integer positionType) {
        return Panache.withTransaction(() -> point(caller, id, "id").map(point -> {
            String newName = name != null ? name.strip() : point.getName();
            pointFields(newName, positionType != null ? positionType : point.getPositionType()).throwIfAny();
            point.update(newName, location, positionType);
            return point;
        }));
    }

    /** Retires a point none of whose cameras is in service. */
    public Uni<Void> deletePoint(Caller caller, UUID id) {
        return Panache.withTransaction(() -> point(caller, id, "id").chain(point -> cameras.count("pointId = ?1 and retiredAt is null", id)
                .map(inService -> {
                    if (inService > 0) {
                        throw new FailedPreconditionException("video point " + point.getGbCode() + " still has " + inService
                                + " camera(s) in service; delete or move them first");
                    }
                    point.retire(now());
                    return null;
                })));
    }

    /** A point in service within the caller's scope; NOT_FOUND (or, for a reference, INVALID_ARGUMENT on the field) otherwise. */
    private Uni<VideoPoint> point(Caller caller, UUID id, String field) {
        return points.findById(id).map(found -> Optional.ofNullable(found).filter(p -> !p.isRetired())
                .flatMap(p -> caller.visible(p, VideoPoint::getOrgCode))
                .orElseThrow(() -> field.equals("id") ? new NotFoundException("video point", id.toString())
                        : new InvalidArgumentException(field, "names no video point in service within your scope")));
    }

    /** Changes what is given (null keeps each); a new point brings the camera into that point's organisation. */
    public Uni<Camera> updateCamera(Caller caller, UUID id, String name, Camera.Kind kind, Camera.PtzType ptzType, String streamUrl, UUID pointId) {
        return Panache.withTransaction(() -> inService(caller, id).chain(camera -> {
            String newName = name != null ? name.strip() : camera.getName();
            String newUrl = streamUrl != null ? streamUrl.strip() : camera.getStreamUrl();
            cameraFields(newName, kind != null ? kind : camera.getKind(), ptzType != null ? ptzType : camera.getPtzType(), newUrl).throwIfAny();
            camera.update(newName, kind, ptzType, newUrl);
            if (pointId == null || pointId.equals(camera.getPointId())) {
                return Uni.createFrom().item(camera);
            }
            return point(caller, pointId, "point_id").map(point -> {
                camera.moveTo(point.getId(), point.getOrgCode());
                return camera;
            });
        }).call(() -> cameras.flush()));
    }

    /**
     * Takes a camera out of service and removes its GA/T 1400 access. Returns its id, so its watchdog can be
     * cancelled once this has committed.
     */
    public Uni<Camera> retireCamera(Caller caller, UUID id) {
        return Panache.withTransaction(() -> inService(caller, id).call(camera -> {
            camera.retire(now());
            return Panache.getSession().chain(session -> session.createNativeQuery("delete from viid_device where device_id = ?1")
                    .setParameter(1, camera.getGbCode()).executeUpdate());
        }));
    }

    private Uni<Camera> inService(Caller caller, UUID id) {
        return cameras.findById(id).map(found -> Optional.ofNullable(found).filter(c -> !c.isRetired())
                .flatMap(c -> caller.visible(c, Camera::getOrgCode)).orElseThrow(NotFoundException.of("camera", id.toString())));
    }

    @WithSession
    public Uni<Paging.Slice<VideoPoint>> listPoints(OrgCode scope, List<Integer> positionTypes, Paging.Page page) {
        Violations violations = new Violations();
        for (int i = 0; i < positionTypes.size(); i++) {
            violations.require(positionTypes.get(i) >= 1 && positionTypes.get(i) <= 10, "position_types[" + i + "]", "must be a GB position type 1..10");
        }
        violations.throwIfAny();
        String where = "orgCode like ?1 and gbCode > ?2 and retiredAt is null" + (positionTypes.isEmpty() ? "" : " and positionType in ?3");
        return (positionTypes.isEmpty() ? points.find(where + " order by gbCode", scope.scopePrefix() + "%", page.after())
                : points.find(where + " order by gbCode", scope.scopePrefix() + "%", page.after(), positionTypes))
                .page(0, page.fetchSize()).list()
                .map(found -> page.sliceByKey(found, VideoPoint::getGbCode));
    }

    public Uni<Camera> createCamera(Caller caller, String gbCode, UUID pointId, String name, Camera.Kind kind, Camera.PtzType ptzType,
            String streamUrl) {
        String code = DeviceCode.check(gbCode, "gb_code");
        cameraFields(name, kind, ptzType, streamUrl).throwIfAny();
        return Panache.withTransaction(() -> point(caller, pointId, "point_id")
                .chain(point -> cameras.codeTaken(code).chain(taken -> {
                    if (taken) {
                        throw new ConflictException("camera " + code + " is already registered");
                    }
                    return cameras.persist(new Camera(code, point.getId(), point.getOrgCode(), name.strip(), kind, ptzType, streamUrl.strip(),
                            caller.auditName(), now())).call(() -> cameras.flush());
                })))
                .onFailure(failure -> DatabaseConstraints.violated(failure, "camera_gb_code_key"))
                .transform(failure -> new ConflictException("camera " + code + " was registered concurrently"));
    }

    @WithSession
    public Uni<Camera> camera(Caller caller, UUID id) {
        return inService(caller, id);
    }

    @WithSession
    public Uni<Paging.Slice<Camera>> listCameras(OrgCode scope, List<Camera.Kind> kinds, Boolean online, UUID pointId, Paging.Page page) {
        return cameras.page(scope.scopePrefix(), kinds, online, pointId, page.after(), page.fetchSize())
                .map(found -> page.sliceByKey(found, Camera::getGbCode));
    }

    /** The subtree's online rate, and one per organisation of the next level down. */
    public Uni<List<Rate>> onlineRates(OrgCode scope) {
        String prefix = scope.scopePrefix();
        int childLength = prefix.length() < 6 ? prefix.length() + 2 : 12;
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select substr(org_code, 1, ?2) as child, count(*), count(*) filter (where online) from camera "
                        + "where org_code like ?1 and retired_at is null group by 1 order by 1", Object[].class)
                .setParameter(1, prefix + "%").setParameter(2, childLength).getResultList()))
                .map(rows -> {
                    List<Rate> rates = new ArrayList<>();
                    int total = 0;
                    int online = 0;
                    for (Object[] row : rows) {
                        String child = (String) row[0];
                        String code = (child + "000000000000").substring(0, 12);
                        int count = ((Number) row[1]).intValue();
                        int up = ((Number) row[2]).intValue();
                        rates.add(new Rate(code, count, up));
                        total += count;
                        online += up;
                    }
                    rates.add(0, new Rate(scope.value(), total, online));
                    return rates;
                });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
