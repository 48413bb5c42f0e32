package org.fangkong.platform.timers;

import jakarta.inject.Singleton;

/** Lets tests outside this package drive the recording timer handler. */
@Singleton
public class TimersTestAccess {

    private final RecordingTimerHandler handler;

    public TimersTestAccess(RecordingTimerHandler handler) {
        this.handler = handler;
    }

    public void pendingInDatabase(TimerHandler.Pending pending) {
        handler.pendingInDatabase.add(pending);
    }

    public int firedCount(String key) {
        return handler.firedCount(key);
    }
}
