package org.fangkong.video.viid;

/** GA/T 1400 response status codes and their strings, as the standard defines them. */
public enum ViidStatus {
    OK(0, "OK"),
    OTHER_ERROR(1, "Other Error"),
    DEVICE_BUSY(2, "Device Busy"),
    DEVICE_ERROR(3, "Device Error"),
    INVALID_OPERATION(4, "Invalid Operation"),
    INVALID_XML_FORMAT(5, "Invalid XML Format"),
    INVALID_XML_CONTENT(6, "Invalid XML Content"),
    INVALID_JSON_FORMAT(7, "Invalid JSON Format"),
    INVALID_JSON_CONTENT(8, "Invalid JSON Content"),
    REBOOT(9, "Reboot");

    private final int code;
    private final String text;

    ViidStatus(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public String code() {
        return Integer.toString(code);
    }

    /** The standard's string, followed by what exactly was wrong when there is more to say. */
    public String text(String detail) {
        return detail == null || detail.isEmpty() ? text : text + ": " + detail;
    }
}
