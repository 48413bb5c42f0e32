package org.fangkong.platform.streams;

/** One stream entry: its Redis-assigned id and the serialised event in its {@code event} field. */
public record StreamEntry(String id, byte[] event) {

    /** The field every Fangkong stream entry carries its event in. */
    public static final String EVENT_FIELD = "event";
}
