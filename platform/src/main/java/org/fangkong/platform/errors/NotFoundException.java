package org.fangkong.platform.errors;

/**
 * Nothing the caller may see exists under that id. Records outside the caller's scope are reported the same
 * way, so their existence does not leak.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String kind, String id) {
        super(kind + " " + id + " not found", null, false, false);
    }
}
