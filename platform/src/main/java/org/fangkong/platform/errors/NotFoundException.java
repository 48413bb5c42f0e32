package org.fangkong.platform.errors;

/**
 * Nothing the caller may see exists under that id. Records outside the caller's scope are reported the same
 * way, so their existence does not leak.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String kind, String id) {
        super(kind + " " + id + " not found", null, false, false);
    }

    /** For {@code Optional.orElseThrow}. */
    public static java.util.function.Supplier<NotFoundException> of(String kind, String id) {
        return () -> new NotFoundException(kind, id);
    }
}
