package org.fangkong.platform.errors;

/** Recognises a failed database constraint by name, so a race lost to a unique key becomes a clear conflict. */
public final class DatabaseConstraints {

    private DatabaseConstraints() {
    }

    /** Whether the failure (or a cause) reports a violation of the named constraint. */
    public static boolean violated(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(constraint)) {
                return true;
            }
        }
        return false;
    }
}
