package org.fangkong.platform.errors;

/** The request is valid but the resource's state does not allow it now (an illegal status move): {@code FAILED_PRECONDITION}, 409. */
public class FailedPreconditionException extends RuntimeException {

    public FailedPreconditionException(String message) {
        super(message, null, false, false);
    }
}
