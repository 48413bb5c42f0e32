package org.fangkong.gateway.live;

import org.fangkong.proto.events.v1.Event;

/** An entry of a stream as the feed hands it to sessions: the event, and the cursor just after it. */
public record LiveEvent(LiveStream stream, String entryId, LiveCursor cursor, Event event) {
}
