package org.fangkong.platform.errors;

/** The request clashes with existing state (a duplicate key): {@code ALREADY_EXISTS}, 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message, null, false, false);
    }
}
