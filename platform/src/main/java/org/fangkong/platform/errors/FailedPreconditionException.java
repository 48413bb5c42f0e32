package org.fangkong.platform.errors;

import java.util.List;

/**
 * The request is valid but the resource's state does not allow it now (an illegal status move): {@code FAILED_PRECONDITION},
 * 409. A bulk request names each refused item ({@code unit_ids[3]}) with why, as a {@code google.rpc.PreconditionFailure}
 * over gRPC and {@code invalid-params} in the problem.
 */
public class FailedPreconditionException extends RuntimeException {

    private final List<FieldViolation> refused;

    public FailedPreconditionException(String message) {
        this(message, List.of());
    }

    public FailedPreconditionException(String message, List<FieldViolation> refused) {
        super(message, null, false, false);
        this.refused = List.copyOf(refused);
    }

    /** The items refused, each named as the request named it; empty for a single-item request. */
    public List<FieldViolation> refused() {
        return refused;
    }
}
