package org.fangkong.gateway.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a client stands in every stream it is fed from: one stream id per stream, in {@link LiveStream} order. It is
 * each event's SSE id, so a reconnecting client's {@code Last-Event-ID} says exactly what it has seen.
 */
public record LiveCursor(List<String> ids) {

    private static final Pattern STREAM_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");
    private static final String SEPARATOR = "_";

    public LiveCursor {
        ids = List.copyOf(ids);
    }

    public static LiveCursor of(Map<LiveStream, String> ids) {
        List<String> ordered = new ArrayList<>();
        for (LiveStream stream : LiveStream.values()) {
            ordered.add(ids.getOrDefault(stream, "0-0"));
        }
        return new LiveCursor(ordered);
    }

    /** A {@code Last-Event-ID} as a cursor; empty when it is not one this gateway wrote. */
    public static Optional<LiveCursor> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String[] parts = value.strip().split(SEPARATOR, -1);
        if (parts.length != LiveStream.values().length) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (!STREAM_ID.matcher(part).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(new LiveCursor(List.of(parts)));
    }

    public String id(LiveStream stream) {
        return ids.get(stream.ordinal());
    }

    public LiveCursor with(LiveStream stream, String id) {
        List<String> moved = new ArrayList<>(ids);
        moved.set(stream.ordinal(), id);
        return new LiveCursor(moved);
    }

    /** Whether the entry {@code id} of the stream lies after this cursor. */
    public boolean before(LiveStream stream, String id) {
        return compare(id, id(stream)) > 0;
    }

    public Map<LiveStream, String> asMap() {
        Map<LiveStream, String> map = new LinkedHashMap<>();
        for (LiveStream stream : LiveStream.values()) {
            map.put(stream, id(stream));
        }
        return map;
    }

    @Override
    public String toString() {
        return String.join(SEPARATOR, ids);
    }

    /** Stream ids in order: milliseconds, then sequence. */
    static int compare(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        int byTime = Long.compareUnsigned(Long.parseUnsignedLong(a.substring(0, dashA)), Long.parseUnsignedLong(b.substring(0, dashB)));
        return byTime != 0 ? byTime : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(dashA + 1)), Long.parseUnsignedLong(b.substring(dashB + 1)));
    }
}
