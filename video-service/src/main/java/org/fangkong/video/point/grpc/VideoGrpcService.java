package org.fangkong.video.point.grpc;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.audit.LookupAudit;
import org.fangkong.platform.geo.GeoLocation;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.CurrentCaller;
import org.fangkong.platform.identity.Roles;
import org.fangkong.platform.paging.Paging;
import org.fangkong.platform.wanted.Plates;
import org.fangkong.proto.common.v1.PageInfo;
import org.fangkong.proto.video.v1.*;
import org.fangkong.video.camera.service.CameraHeartbeats;
import org.fangkong.video.capture.service.CaptureIngest;
import org.fangkong.video.capture.service.Trajectories;
import org.fangkong.video.camera.service.CameraRegistry;
import org.fangkong.video.patrol.VideoPatrol;
import org.fangkong.video.point.mapping.VideoPointMapping;
import org.fangkong.video.point.service.VideoPointRegistry;
import org.fangkong.video.viid.ViidDevices;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

@GrpcService
public class VideoGrpcService implements VideoService {

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;

    private final CurrentCaller caller;
    private final VideoPointRegistry registry;
    private final CameraRegistry cameras;
    private final CameraHeartbeats heartbeats;
    private final CaptureIngest captures;
    private final Trajectories trajectories;
    private final LookupAudit audit;
    private final VideoPatrol patrol;
    private final ViidDevices viid;

    public VideoGrpcService(CurrentCaller caller, VideoPointRegistry registry, CameraRegistry cameras, CameraHeartbeats heartbeats,
            CaptureIngest captures, Trajectories trajectories, LookupAudit audit, VideoPatrol patrol, ViidDevices viid) {
        this.patrol = patrol;
        this.viid = viid;
        this.caller = caller;
        this.registry = registry;
        this.cameras = cameras;
        this.heartbeats = heartbeats;
        this.captures = captures;
        this.trajectories = trajectories;
        this.audit = audit;
    }

    @Override
    @RolesAllowed(Roles.SERVICE)
    public Uni<ReportCapturesResponse> reportCaptures(io.smallrye.mutiny.Multi<CaptureReport> reports) {
        return captures.ingest(reports).map(outcome -> ReportCapturesResponse.newBuilder()
                .setAccepted(outcome.accepted()).setDuplicates(outcome.duplicates()).setHits(outcome.hits()).build());
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<VehicleTrajectory> getVehicleTrajectory(GetVehicleTrajectoryRequest request) {
        String plate = Plates.normalise(request.getPlate(), "plate");
        Plates.Colour colour = Plates.colour(request.getPlateColour(), "plate_colour");
        java.time.Instant from = request.hasFrom() ? Timestamps.toInstant(request.getFrom()) : null;
        java.time.Instant to = request.hasTo() ? Timestamps.toInstant(request.getTo()) : null;
        return caller.get()
                .call(who -> audit.record(who, "vehicle-trajectory", request.getReason()))
                .chain(who -> trajectories.of(who.scopePrefix(), plate, colour, from, to))
                .map(found -> VehicleTrajectory.newBuilder()
                        .setPlate(found.plate())
                        .setTruncated(found.truncated())
                        .addAllPasses(found.passes().stream().map(p -> Pass.newBuilder()
                                .setCaptureId(p.captureId())
                                .setCameraId(p.cameraId().toString())
                                .setCameraGbCode(p.cameraCode())
                                .setLocation(org.fangkong.proto.common.v1.GeoPoint.newBuilder().setLat(p.lat()).setLon(p.lon()))
                                .setPassTime(Timestamps.of(p.passTime()))
                                .setSpeedKmh(p.speedKmh())
                                .setDirectionDeg(p.directionDeg())
                                .build()).toList())
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST,
            Roles.ADMIN, Roles.SERVICE })
    public Uni<VideoPoint> getVideoPoint(GetVideoPointRequest request) {
        return caller.get()
                .chain(who -> registry.find(who, Violations.requireUuid(request.getId(), "id")))
                .map(found -> found.map(VideoPointMapping::toProto).orElseThrow(NotFoundException.of("video point", request.getId())));
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<VideoPoint> createVideoPoint(CreateVideoPointRequest request) {
        Violations violations = new Violations().require(request.hasLocation(), "location", "is required")
                .range(request.getLocation().getLat(), -90, 90, "location.lat").range(request.getLocation().getLon(), -180, 180, "location.lon");
        violations.throwIfAny();
        GeoLocation location = new GeoLocation(request.getLocation().getLat(), request.getLocation().getLon());
        return caller.get()
                .chain(who -> cameras.createPoint(who, request.getGbCode(), request.getName(), request.getOrgCode(), location, request.getPositionType()))
                .map(VideoPointMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<ListVideoPointsResponse> listVideoPoints(ListVideoPointsRequest request) {
        Paging.Page page = Paging.of(request.getPage().getPageSize(), request.getPage().getPageToken(), DEFAULT_PAGE, MAX_PAGE);
        return caller.get()
                .chain(who -> cameras.listPoints(who.scopeFor("org_code", request.getOrgCode()), request.getPositionTypesList(), page))
                .map(slice -> ListVideoPointsResponse.newBuilder()
                        .addAllPoints(slice.items().stream().map(VideoPointMapping::toProto).toList())
                        .setPage(PageInfo.newBuilder().setNextPageToken(slice.nextPageToken()))
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<VideoPoint> updateVideoPoint(UpdateVideoPointRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        GeoLocation location = null;
        if (request.hasLocation()) {
            new Violations().range(request.getLocation().getLat(), -90, 90, "location.lat")
                    .range(request.getLocation().getLon(), -180, 180, "location.lon").throwIfAny();
            location = new GeoLocation(request.getLocation().getLat(), request.getLocation().getLon());
        }
        GeoLocation moved = location;
        return caller.get()
                .chain(who -> cameras.updatePoint(who, id, request.hasName() ? request.getName() : null, moved,
                        request.hasPositionType() ? request.getPositionType() : null))
                .map(VideoPointMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<DeleteVideoPointResponse> deleteVideoPoint(DeleteVideoPointRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get().chain(who -> cameras.deletePoint(who, id)).replaceWith(DeleteVideoPointResponse.getDefaultInstance());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Camera> updateCamera(UpdateCameraRequest request) {
        Violations violations = new Violations();
        UUID id = violations.uuid(request.getId(), "id");
        UUID point = request.hasPointId() ? violations.uuid(request.getPointId(), "point_id") : null;
        violations.throwIfAny();
        return caller.get()
                .chain(who -> cameras.updateCamera(who, id, request.hasName() ? request.getName() : null,
                        request.hasKind() ? VideoPointMapping.kind(request.getKind()) : null,
                        request.hasPtzType() ? VideoPointMapping.ptz(request.getPtzType()) : null,
                        request.hasStreamUrl() ? request.getStreamUrl() : null, point))
                .chain(this::withHeartbeat);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<DeleteCameraResponse> deleteCamera(DeleteCameraRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get()
                .chain(who -> cameras.retireCamera(who, id))
                .call(retired -> heartbeats.forget(retired.getId()))
                .replaceWith(DeleteCameraResponse.getDefaultInstance());
    }

    // --- GA/T 1400 access ---

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<ViidDevice> setViidDevice(SetViidDeviceRequest request) {
        return caller.get()
                .chain(who -> viid.set(who, request.getDeviceId(), VideoPointMapping.viidKind(request.getKind()), request.getOrgCode(),
                        request.getPassword()))
                .map(this::toProto);
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.ADMIN, Roles.SERVICE })
    public Uni<ViidDevice> getViidDevice(GetViidDeviceRequest request) {
        return caller.get().chain(who -> viid.get(who, request.getDeviceId())).map(this::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<DeleteViidDeviceResponse> deleteViidDevice(DeleteViidDeviceRequest request) {
        return caller.get().chain(who -> viid.delete(who, request.getDeviceId())).replaceWith(DeleteViidDeviceResponse.getDefaultInstance());
    }

    private ViidDevice toProto(org.fangkong.video.viid.ViidDevice device) {
        ViidDevice.Builder builder = ViidDevice.newBuilder()
                .setDeviceId(device.getDeviceId())
                .setKind(ViidDeviceKind.valueOf(device.getKind().name()))
                .setOrgCode(device.getOrgCode())
                .setRegistered(viid.registered(device));
        if (device.getRegisteredAt() != null) {
            builder.setRegisteredAt(Timestamps.of(device.getRegisteredAt())).setLastKeepaliveAt(Timestamps.of(device.getLastKeepaliveAt()));
        }
        return builder.build();
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Camera> createCamera(CreateCameraRequest request) {
        UUID point = Violations.requireUuid(request.getPointId(), "point_id");
        return caller.get()
                .chain(who -> cameras.createCamera(who, request.getGbCode(), point, request.getName(), VideoPointMapping.kind(request.getKind()),
                        VideoPointMapping.ptz(request.getPtzType()), request.getStreamUrl()))
                .chain(this::withHeartbeat);
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<Camera> getCamera(GetCameraRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get().chain(who -> cameras.camera(who, id)).chain(this::withHeartbeat);
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<ListCamerasResponse> listCameras(ListCamerasRequest request) {
        Paging.Page page = Paging.of(request.getPage().getPageSize(), request.getPage().getPageToken(), DEFAULT_PAGE, MAX_PAGE);
        Violations violations = new Violations();
        UUID point = violations.optionalUuid(request.getPointId(), "point_id");
        violations.throwIfAny();
        List<org.fangkong.video.camera.Camera.Kind> kinds = request.getKindsList().stream().map(VideoPointMapping::kind).filter(k -> k != null).toList();
        return caller.get()
                .chain(who -> cameras.listCameras(who.scopeFor("org_code", request.getOrgCode()), kinds,
                        request.hasOnline() ? request.getOnline() : null, point, page))
                .chain(slice -> heartbeats.lastHeartbeats(slice.items().stream().map(org.fangkong.video.camera.Camera::getId).toList())
                        .map(last -> ListCamerasResponse.newBuilder()
                                .addAllCameras(slice.items().stream().map(c -> VideoPointMapping.toProto(c, last.get(c.getId()))).toList())
                                .setPage(PageInfo.newBuilder().setNextPageToken(slice.nextPageToken()))
                                .build()));
    }

    @Override
    @RolesAllowed({ Roles.SERVICE, Roles.ADMIN })
    public Uni<HeartbeatResponse> heartbeat(HeartbeatRequest request) {
        return heartbeats.beat(request.getGbCodesList())
                .map(outcome -> HeartbeatResponse.newBuilder().setAccepted(outcome.accepted()).addAllUnknownCodes(outcome.unknownCodes()).build());
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<CameraHealth> getCameraHealth(GetCameraHealthRequest request) {
        return caller.get()
                .chain(who -> cameras.onlineRates(who.scopeFor("org_code", request.getOrgCode())))
                .map(rates -> CameraHealth.newBuilder()
                        .setTotal(VideoPointMapping.toProto(rates.get(0)))
                        .addAllChildren(rates.subList(1, rates.size()).stream().map(VideoPointMapping::toProto).toList())
                        .build());
    }

    // --- Video patrol ---

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.ADMIN, Roles.SERVICE })
    public Uni<PatrolTour> createPatrolTour(CreatePatrolTourRequest request) {
        return caller.get()
                .chain(who -> patrol.create(who, request.getName(), request.getOrgCode(), request.getCameraIdsList(), request.getDwellS(),
                        request.hasShiftStart() ? Timestamps.toInstant(request.getShiftStart()) : null,
                        request.hasShiftEnd() ? Timestamps.toInstant(request.getShiftEnd()) : null))
                .map(VideoGrpcService::toProto);
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<PatrolTour> getPatrolTour(GetPatrolTourRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get().chain(who -> patrol.get(who, id)).map(VideoGrpcService::toProto);
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.ADMIN, Roles.SERVICE })
    public Uni<DeletePatrolTourResponse> deletePatrolTour(DeletePatrolTourRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get().chain(who -> patrol.delete(who, id)).replaceWith(DeletePatrolTourResponse.getDefaultInstance());
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.SERVICE })
    public Uni<PatrolTour> startPatrolTour(StartPatrolTourRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get().chain(who -> patrol.start(who, id)).map(VideoGrpcService::toProto);
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.SERVICE })
    public Uni<TourCoverage> recordCameraView(RecordCameraViewRequest request) {
        Violations violations = new Violations();
        UUID tour = violations.uuid(request.getTourId(), "tour_id");
        UUID camera = violations.uuid(request.getCameraId(), "camera_id");
        violations.throwIfAny();
        return caller.get().chain(who -> patrol.recordView(who, tour, camera, request.getDwellS())).map(VideoGrpcService::toProto);
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<TourCoverage> getTourCoverage(GetTourCoverageRequest request) {
        UUID tour = Violations.requireUuid(request.getTourId(), "tour_id");
        return caller.get().chain(who -> patrol.coverage(who, tour)).map(VideoGrpcService::toProto);
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.SERVICE })
    public Uni<Observation> recordObservation(RecordObservationRequest request) {
        Violations violations = new Violations();
        UUID camera = violations.uuid(request.getCameraId(), "camera_id");
        UUID tour = violations.optionalUuid(request.getTourId(), "tour_id");
        violations.throwIfAny();
        return caller.get()
                .chain(who -> patrol.observe(who, camera, tour, request.getCategory(), request.getDescription()))
                .map(seen -> {
                    Observation.Builder observation = Observation.newBuilder()
                            .setId(seen.id().toString())
                            .setCameraId(seen.cameraId().toString())
                            .setCategory(seen.category())
                            .setDescription(seen.description())
                            .setLocation(org.fangkong.proto.common.v1.GeoPoint.newBuilder().setLat(seen.lat()).setLon(seen.lon()))
                            .setObservedAt(Timestamps.of(seen.at()))
                            .setObservedBy(seen.by());
                    if (seen.tourId() != null) {
                        observation.setTourId(seen.tourId().toString());
                    }
                    return observation.build();
                });
    }

    private static PatrolTour toProto(VideoPatrol.Tour tour) {
        PatrolTour.Builder builder = PatrolTour.newBuilder()
                .setId(tour.id().toString())
                .setName(tour.name())
                .setOrgCode(tour.orgCode())
                .addAllCameraIds(tour.cameraIds().stream().map(UUID::toString).toList())
                .setDwellS(tour.dwellSeconds())
                .setShiftStart(Timestamps.of(tour.shiftStart()))
                .setShiftEnd(Timestamps.of(tour.shiftEnd()));
        if (tour.operator() != null) {
            builder.setOperator(tour.operator());
        }
        if (tour.startedAt() != null) {
            builder.setStartedAt(Timestamps.of(tour.startedAt()));
        }
        return builder.build();
    }

    private static TourCoverage toProto(VideoPatrol.Coverage coverage) {
        return TourCoverage.newBuilder()
                .setTourId(coverage.tourId().toString())
                .setPlanned(coverage.planned())
                .setViewed(coverage.viewed())
                .addAllMissingCameraIds(coverage.missing().stream().map(UUID::toString).toList())
                .setRate(coverage.rate())
                .build();
    }

    private Uni<Camera> withHeartbeat(org.fangkong.video.camera.Camera camera) {
        return heartbeats.lastHeartbeats(List.of(camera.getId()))
                .map((Map<UUID, java.time.Instant> last) -> VideoPointMapping.toProto(camera, last.get(camera.getId())));
    }
}
