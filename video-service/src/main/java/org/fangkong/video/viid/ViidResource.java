package org.fangkong.video.viid;

import java.io.IOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.OverloadedException;
import org.fangkong.video.capture.service.CaptureIngest;
import org.fangkong.video.config.VideoConfig;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * The GA/T 1400 (视图库) endpoints capture cameras and collection systems speak: register with HTTP Digest, keep
 * alive, and post motor vehicle lists. Answers are the standard's response-status objects; devices are identified by
 * {@code User-Identify}. These endpoints do not take OIDC tokens: a device's session is its credential.
 */
@Path("/VIID")
@PermitAll
public class ViidResource {

    private static final Logger LOG = Logger.getLogger(ViidResource.class);
    static final String REGISTER = "/VIID/System/Register";
    static final String UNREGISTER = "/VIID/System/UnRegister";
    static final String KEEPALIVE = "/VIID/System/Keepalive";
    static final String MOTOR_VEHICLES = "/VIID/MotorVehicles";
    private static final String VIID_JSON = "application/VIID+JSON;charset=UTF-8";
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private final ViidDevices devices;
    private final CaptureIngest captures;
    private final ObjectMapper json;
    private final Clock clock;
    private final VideoConfig config;

    public ViidResource(ViidDevices devices, CaptureIngest captures, ObjectMapper json, Clock clock, VideoConfig config) {
        this.devices = devices;
        this.captures = captures;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ResponseStatusObject(@JsonProperty("RequestURL") String requestUrl, @JsonProperty("StatusCode") String statusCode,
            @JsonProperty("StatusString") String statusString, @JsonProperty("Id") String id, @JsonProperty("LocalTime") String localTime) {
    }

    /** A failure answered in the standard's shape with its HTTP status. */
    private static final class Refusal extends RuntimeException {
        final int http;
        final ViidStatus status;

        Refusal(int http, ViidStatus status, String detail) {
            super(detail, null, false, false);
            this.http = http;
            this.status = status;
        }
    }

    @POST
    @Path("/System/Register")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> register(@HeaderParam("User-Identify") String userIdentify, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            byte[] body) {
        return session(REGISTER, userIdentify, authorization, body, "RegisterObject", true);
    }

    @POST
    @Path("/System/UnRegister")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> unregister(@HeaderParam("User-Identify") String userIdentify, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            byte[] body) {
        return session(UNREGISTER, userIdentify, authorization, body, "UnRegisterObject", false);
    }

    private Uni<Response> session(String url, String userIdentify, String authorization, byte[] body, String object, boolean open) {
        return Uni.createFrom().item(() -> deviceId(parse(body), object, userIdentify))
                .chain(deviceId -> devices.register(deviceId, authorization, url, open).map(check -> switch (check) {
                    case VALID -> single(200, url, ViidStatus.OK, null, deviceId);
                    case STALE -> challenge(url, deviceId, true);
                    case INVALID -> challenge(url, deviceId, false);
                }))
                .onFailure().recoverWithItem(failure -> refused(url, failure));
    }

    @POST
    @Path("/System/Keepalive")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> keepalive(@HeaderParam("User-Identify") String userIdentify, byte[] body) {
        return Uni.createFrom().item(() -> deviceId(parse(body), "KeepaliveObject", userIdentify))
                .chain(deviceId -> devices.keepAlive(deviceId).map(live -> {
                    if (!live) {
                        throw notRegistered();
                    }
                    return single(200, KEEPALIVE, ViidStatus.OK, null, deviceId);
                }))
                .onFailure().recoverWithItem(failure -> refused(KEEPALIVE, failure));
    }

    /** A motor vehicle list: stored whole (re-sent objects are not stored twice) or refused whole. */
    @POST
    @Path("/MotorVehicles")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> motorVehicles(@HeaderParam("User-Identify") String userIdentify, byte[] body) {
        if (userIdentify == null || userIdentify.isBlank()) {
            return Uni.createFrom().item(refused(MOTOR_VEHICLES, new Refusal(401, ViidStatus.INVALID_OPERATION, "User-Identify header is required")));
        }
        return devices.session(userIdentify.strip())
                .map(device -> device.orElseThrow(this::notRegistered))
                .chain(device -> {
                    List<CaptureIngest.Capture> batch = content(() -> MotorVehicles.read(parse(body), config.viid().maxObjects(), clock));
                    Set<String> codes = batch.stream().map(CaptureIngest.Capture::cameraCode).collect(Collectors.toCollection(LinkedHashSet::new));
                    return devices.reportable(device, codes).map(allowed -> {
                        List<String> refused = new ArrayList<>();
                        for (int i = 0; i < batch.size(); i++) {
                            if (!allowed.contains(batch.get(i).cameraCode())) {
                                refused.add(MotorVehicles.LIST + "[" + i + "].DeviceID names no camera in service this device may report for");
                            }
                        }
                        if (!refused.isEmpty()) {
                            throw new Refusal(400, ViidStatus.INVALID_JSON_CONTENT, String.join("; ", refused));
                        }
                        return batch;
                    });
                })
                .chain(batch -> captures.store(batch).map(outcome -> {
                    String now = localTime();
                    return list(batch.stream().map(c -> new ResponseStatusObject(MOTOR_VEHICLES, ViidStatus.OK.code(), ViidStatus.OK.text(null),
                            c.captureId(), now)).toList());
                }))
                .onFailure().recoverWithItem(failure -> refused(MOTOR_VEHICLES, failure));
    }

    private static <T> T content(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidArgumentException e) {
            throw badContent(e);
        }
    }

    private static Refusal badContent(InvalidArgumentException e) {
        return new Refusal(400, ViidStatus.INVALID_JSON_CONTENT, e.violations().stream().map(v -> v.field() + " " + v.rule()).collect(Collectors.joining("; ")));
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode root = body == null || body.length == 0 ? null : json.readTree(body);
            if (root == null || !root.isObject()) {
                throw new Refusal(400, ViidStatus.INVALID_JSON_FORMAT, "the body must be a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new Refusal(400, ViidStatus.INVALID_JSON_FORMAT, "the body is not JSON");
        }
    }

    /** The DeviceID of a system object, which must agree with User-Identify when both are sent. */
    private static String deviceId(JsonNode root, String object, String userIdentify) {
        JsonNode id = root.path(object).path("DeviceID");
        String deviceId = id.isValueNode() ? id.asText().strip() : "";
        if (!deviceId.matches("\\d{20}")) {
            throw new Refusal(400, ViidStatus.INVALID_JSON_CONTENT, object + ".DeviceID is required: the device's 20-digit id");
        }
        if (userIdentify != null && !userIdentify.isBlank() && !userIdentify.strip().equals(deviceId)) {
            throw new Refusal(400, ViidStatus.INVALID_JSON_CONTENT, object + ".DeviceID must be the id sent as User-Identify");
        }
        return deviceId;
    }

    private Refusal notRegistered() {
        return new Refusal(401, ViidStatus.INVALID_OPERATION, "the device is not registered; register (again) first");
    }

    private Response challenge(String url, String deviceId, boolean stale) {
        return Response.fromResponse(single(401, url, ViidStatus.INVALID_OPERATION, "Digest authentication with the device's password is required", deviceId))
                .header(HttpHeaders.WWW_AUTHENTICATE, devices.digest().challenge(clock.instant(), stale)).build();
    }

    private Response refused(String url, Throwable failure) {
        if (failure instanceof Refusal refusal) {
            return single(refusal.http, url, refusal.status, refusal.getMessage(), null);
        }
        if (failure instanceof OverloadedException) {
            return single(503, url, ViidStatus.DEVICE_BUSY, "retry with backoff", null);
        }
        if (failure instanceof InvalidArgumentException invalid) {
            return refused(url, badContent(invalid));
        }
        LOG.errorf(failure, "GA/T 1400 request to %s failed", url);
        return single(500, url, ViidStatus.OTHER_ERROR, "the request was not stored; send it again", null);
    }

    private Response single(int http, String url, ViidStatus status, String detail, String id) {
        return write(http, Map.of("ResponseStatusObject", new ResponseStatusObject(url, status.code(), status.text(detail), id, localTime())));
    }

    private Response list(List<ResponseStatusObject> statuses) {
        return write(200, Map.of("ResponseStatusListObject", Map.of("ResponseStatusObject", statuses)));
    }

    private Response write(int http, Object body) {
        try {
            return Response.status(http).type(VIID_JSON).entity(json.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response objects always serialise", e);
        }
    }

    private String localTime() {
        return LOCAL_TIME.format(clock.instant().atZone(clock.getZone()));
    }
}
