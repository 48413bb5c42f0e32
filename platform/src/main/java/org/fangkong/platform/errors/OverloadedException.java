package org.fangkong.platform.errors;

/** The service is at its configured capacity and refuses rather than queue without bound: {@code RESOURCE_EXHAUSTED}, 429. */
public class OverloadedException extends RuntimeException {

    public OverloadedException(String message) {
        super(message, null, false, false);
    }
}
