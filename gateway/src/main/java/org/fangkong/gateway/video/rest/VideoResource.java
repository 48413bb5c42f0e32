package org.fangkong.gateway.video.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fangkong.gateway.api.ProtoJson;
import org.fangkong.gateway.client.VideoClient;
import org.fangkong.gateway.identity.CallerToken;
import org.fangkong.gateway.api.Queries;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.video.v1.CameraKind;
import org.fangkong.proto.video.v1.CreatePatrolTourRequest;
import org.fangkong.proto.video.v1.GetCameraHealthRequest;
import org.fangkong.proto.video.v1.GetCameraRequest;
import org.fangkong.proto.video.v1.GetPatrolTourRequest;
import org.fangkong.proto.video.v1.GetTourCoverageRequest;
import org.fangkong.proto.video.v1.GetVehicleTrajectoryRequest;
import org.fangkong.proto.video.v1.GetVideoPointRequest;
import org.fangkong.proto.video.v1.ListCamerasRequest;
import org.fangkong.proto.video.v1.ListVideoPointsRequest;
import org.fangkong.proto.video.v1.RecordCameraViewRequest;
import org.fangkong.proto.video.v1.RecordObservationRequest;
import org.fangkong.proto.video.v1.StartPatrolTourRequest;

import io.smallrye.mutiny.Uni;

/** The air layer for the video desk: points, cameras and their health, vehicle trajectories, and video patrol. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Video")
@SecurityRequirement(name = "bearer")
public class VideoResource {

    private final VideoClient video;
    private final CallerToken token;

    public VideoResource(VideoClient video, CallerToken token) {
        this.video = video;
        this.token = token;
    }

    @GET
    @Path("/video-points")
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Video points of a subtree, optionally of some GB position types")
    public Uni<Response> points(@QueryParam("orgCode") String orgCode, @QueryParam("positionType") List<String> positionTypes,
            @QueryParam("pageSize") String pageSize, @QueryParam("pageToken") String pageToken) {
        Violations violations = new Violations();
        ListVideoPointsRequest.Builder request = ListVideoPointsRequest.newBuilder().setOrgCode(Queries.text(orgCode))
                .setPage(Queries.page(pageSize, pageToken, violations));
        positionTypes.forEach(type -> request.addPositionTypes(violations.integer(type, "positionType", 0)));
        violations.throwIfAny();
        return video.call(token.value(), stub -> stub.listVideoPoints(request.build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/video-points/{id}")
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "A video point")
    public Uni<Response> point(@PathParam("id") String id) {
        return video.call(token.value(), stub -> stub.getVideoPoint(GetVideoPointRequest.newBuilder().setId(id).build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/cameras")
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Cameras of a subtree by kind, online state and point")
    public Uni<Response> cameras(@QueryParam("orgCode") String orgCode, @QueryParam("kind") List<String> kinds, @QueryParam("online") String online,
            @QueryParam("pointId") String pointId, @QueryParam("pageSize") String pageSize, @QueryParam("pageToken") String pageToken) {
        Violations violations = new Violations();
        ListCamerasRequest.Builder request = ListCamerasRequest.newBuilder().setOrgCode(Queries.text(orgCode)).setPointId(Queries.text(pointId))
                .setPage(Queries.page(pageSize, pageToken, violations));
        kinds.forEach(kind -> request.addKinds(Queries.named(CameraKind.class, kind, "kind")));
        if (online != null && !online.isBlank()) {
            request.setOnline(Queries.flag(online, "online", violations));
        }
        violations.throwIfAny();
        return video.call(token.value(), stub -> stub.listCameras(request.build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/cameras/health")
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Online rate of a subtree and of each organisation one level down")
    public Uni<Response> health(@QueryParam("orgCode") String orgCode) {
        return video.call(token.value(), stub -> stub.getCameraHealth(GetCameraHealthRequest.newBuilder().setOrgCode(Queries.text(orgCode)).build()))
                .map(ProtoJson::ok);
    }

    @GET
    @Path("/cameras/{id}")
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "A camera with its online state and latest heartbeat")
    public Uni<Response> camera(@PathParam("id") String id) {
        return video.call(token.value(), stub -> stub.getCamera(GetCameraRequest.newBuilder().setId(id).build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/trajectories")
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "A plate's passes between two times in time order, with camera locations (reason required, audited)")
    public Uni<Response> trajectory(@QueryParam("plate") String plate, @QueryParam("plateColour") String colour, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("reason") String reason) {
        Violations violations = new Violations();
        GetVehicleTrajectoryRequest.Builder request = GetVehicleTrajectoryRequest.newBuilder().setPlate(Queries.text(plate))
                .setPlateColour(Queries.text(colour)).setReason(Queries.text(reason));
        Queries.time(from, "from", violations, request::setFrom);
        Queries.time(to, "to", violations, request::setTo);
        violations.throwIfAny();
        return video.call(token.value(), stub -> stub.getVehicleTrajectory(request.build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/patrol-tours")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.ADMIN })
    @Operation(summary = "Plan a video patrol tour: {\"name\", \"orgCode\", \"cameraIds\", \"dwellS\", \"shiftStart\", \"shiftEnd\"}")
    public Uni<Response> createTour(byte[] body) {
        CreatePatrolTourRequest request = ProtoJson.read(body, CreatePatrolTourRequest.newBuilder()).build();
        return video.call(token.value(), stub -> stub.createPatrolTour(request)).map(tour -> ProtoJson.created("/api/v1/patrol-tours/" + tour.getId(), tour));
    }

    @GET
    @Path("/patrol-tours/{id}")
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "A video patrol tour")
    public Uni<Response> tour(@PathParam("id") String id) {
        return video.call(token.value(), stub -> stub.getPatrolTour(GetPatrolTourRequest.newBuilder().setId(id).build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/patrol-tours/{id}/start")
    @RolesAllowed({ Roles.VIDEO_OPERATOR })
    @Operation(summary = "The calling operator takes the tour")
    public Uni<Response> start(@PathParam("id") String id) {
        return video.call(token.value(), stub -> stub.startPatrolTour(StartPatrolTourRequest.newBuilder().setId(id).build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/patrol-tours/{id}/views")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIDEO_OPERATOR })
    @Operation(summary = "A camera of the tour was watched: {\"cameraId\", \"dwellS\"}; answers the coverage")
    public Uni<Response> view(@PathParam("id") String id, byte[] body) {
        RecordCameraViewRequest.Builder request = ProtoJson.read(body, RecordCameraViewRequest.newBuilder());
        Queries.pathOnly(request.getTourId(), "tourId");
        return video.call(token.value(), stub -> stub.recordCameraView(request.setTourId(id).build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/patrol-tours/{id}/coverage")
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Cameras watched for at least the dwell time within the shift, against those planned")
    public Uni<Response> coverage(@PathParam("id") String id) {
        return video.call(token.value(), stub -> stub.getTourCoverage(GetTourCoverageRequest.newBuilder().setTourId(id).build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/observations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIDEO_OPERATOR })
    @Operation(summary = "Something seen on a camera: {\"cameraId\", \"tourId\", \"category\", \"description\"}; it becomes an incident")
    public Uni<Response> observe(byte[] body) {
        RecordObservationRequest request = ProtoJson.read(body, RecordObservationRequest.newBuilder()).build();
        return video.call(token.value(), stub -> stub.recordObservation(request)).map(ProtoJson::ok);
    }
}
