package org.fangkong.platform.streams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.mutiny.redis.client.Response;

/** Reads stream entries out of Redis replies, in either protocol's shape (RESP2 arrays, RESP3 maps). */
final class StreamReplies {

    private StreamReplies() {
    }

    /** The entries of the one stream an {@code XREAD}/{@code XREADGROUP} asked for; empty when there are none. */
    static List<StreamEntry> ofRead(Response reply) {
        if (reply == null) {
            return List.of();
        }
        if (reply.getDelegate().isMap()) {
            return reply.getKeys().isEmpty() ? List.of() : entries(reply.get(reply.getKeys().iterator().next()));
        }
        return reply.size() == 0 ? List.of() : entries(reply.get(0).get(1));
    }

    /** The entries of every stream an {@code XREAD} over several returned, by stream; absent streams had none. */
    static Map<String, List<StreamEntry>> ofReadMany(Response reply) {
        Map<String, List<StreamEntry>> byStream = new LinkedHashMap<>();
        if (reply == null) {
            return byStream;
        }
        if (reply.getDelegate().isMap()) {
            for (String stream : reply.getKeys()) {
                byStream.put(stream, entries(reply.get(stream)));
            }
            return byStream;
        }
        for (Response stream : reply) {
            byStream.put(stream.get(0).toString(), entries(stream.get(1)));
        }
        return byStream;
    }

    /** Entries as {@code XRANGE}/{@code XCLAIM} return them; entries deleted meanwhile (nil) are skipped. */
    static List<StreamEntry> entries(Response list) {
        List<StreamEntry> entries = new ArrayList<>();
        if (list == null) {
            return entries;
        }
        for (Response entry : list) {
            if (entry == null || entry.size() < 2 || entry.get(1) == null) {
                continue;
            }
            Response fields = entry.get(1);
            byte[] event = null;
            if (fields.getDelegate().isMap()) {
                Response value = fields.get(StreamEntry.EVENT_FIELD);
                event = value == null ? null : value.toBytes();
            } else {
                for (int i = 0; i + 1 < fields.size(); i += 2) {
                    if (StreamEntry.EVENT_FIELD.equals(fields.get(i).toString())) {
                        event = fields.get(i + 1).toBytes();
                    }
                }
            }
            entries.add(new StreamEntry(entry.get(0).toString(), event == null ? new byte[0] : event));
        }
        return entries;
    }
}
