package org.fangkong.platform.errors;

/**
 * Nothing the caller may see exists under that id. Records outside the caller's scope are reported the same
 * way, so their existence does not leak.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String kind, String id) {
        super(kind + " " + id + " not found", null, false, false);
    }

    private NotFoundException(String message) {
        super(message, null, false, false);
    }

    /** Several ids of one bulk request, named as the request named them ({@code unit_ids[3]}). */
    public static NotFoundException among(String kind, java.util.List<String> fields) {
        return new NotFoundException("no " + kind + " the caller may see at " + String.join(", ", fields));
    }

    /** For {@code Optional.orElseThrow}. */
    public static java.util.function.Supplier<NotFoundException> of(String kind, String id) {
        return () -> new NotFoundException(kind, id);
    }
}
