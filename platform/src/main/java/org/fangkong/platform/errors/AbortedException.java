package org.fangkong.platform.errors;

/** A concurrent change won (an expected version no longer holds); re-read and retry: {@code ABORTED}, 409. */
public class AbortedException extends RuntimeException {

    public AbortedException(String message) {
        super(message, null, false, false);
    }
}
