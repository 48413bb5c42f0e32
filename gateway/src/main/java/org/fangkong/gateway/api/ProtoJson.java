package org.fangkong.gateway.api;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.fangkong.platform.errors.InvalidArgumentException;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * Request and response bodies in the proto3 JSON mapping of the services' messages (lowerCamelCase names, enums by
 * name, timestamps as RFC 3339): the API and the services speak the same shapes. A field a request does not have
 * is refused naming it, so a client cannot set what the operation does not take (no mass assignment).
 */
public final class ProtoJson {

    private static final JsonFormat.Parser PARSER = JsonFormat.parser();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();

    private ProtoJson() {
    }

    /** The body read into the builder; an empty body leaves it as it is. */
    public static <B extends Message.Builder> B read(byte[] body, B builder) {
        if (body == null || body.length == 0) {
            return builder;
        }
        try {
            PARSER.merge(new String(body, StandardCharsets.UTF_8), builder);
            return builder;
        } catch (InvalidProtocolBufferException e) {
            throw BodyDiagnosis.of(body, builder.getDescriptorForType())
                    .orElseGet(() -> new InvalidArgumentException("body",
                            "must be a JSON object of this request's fields: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
    }

    public static String write(Message message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("every service message prints as JSON", e);
        }
    }

    public static Response ok(Message message) {
        return Response.ok(write(message), MediaType.APPLICATION_JSON).build();
    }

    public static Response created(String location, Message message) {
        return Response.created(java.net.URI.create(location)).entity(write(message)).type(MediaType.APPLICATION_JSON).build();
    }
}
