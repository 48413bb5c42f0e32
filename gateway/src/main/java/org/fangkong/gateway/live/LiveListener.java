package org.fangkong.gateway.live;

/** Someone the feed hands events to: a client's SSE stream, an agency's subscription. */
public interface LiveListener {

    /** An event as it comes; the listener keeps what its audience may see. */
    void offer(LiveEvent event);

    /** An event replayed from a stream while the listener catches up. */
    void replay(LiveEvent event);

    /** The listener has seen everything up to this cursor. */
    void resumeFrom(LiveCursor cursor);

    /** Caught up: live events from now on. */
    void goLive();

    /** What to do when the listener ends (the feed forgets it). */
    void onClose(Runnable action);

    boolean isClosed();

    /** Nothing happened for a while: a sign of life, where the transport needs one. */
    void keepAlive();

    /** Ends the listener, saying why. */
    void close(String reason);
}
