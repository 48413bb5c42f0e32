package org.fangkong.platform.errors;

/** The caller is known but may not do this: {@code PERMISSION_DENIED}, 403. */
public class PermissionDeniedException extends RuntimeException {

    public PermissionDeniedException(String message) {
        super(message, null, false, false);
    }
}
