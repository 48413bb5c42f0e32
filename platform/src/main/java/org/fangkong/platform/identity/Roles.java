package org.fangkong.platform.identity;

/** Realm role names, as granted by the identity provider. */
public final class Roles {

    /** Patrol officers and auxiliaries: their own unit's status, positions and dispatches. */
    public static final String OFFICER = "officer";
    /** Checkpoint staff: their own checkpoint's state, inspections and seal confirmations. */
    public static final String CHECKPOINT = "checkpoint";
    /** Video patrol operators: tours, views and observations. */
    public static final String VIDEO_OPERATOR = "video-operator";
    /** The patrol department's duty room: incidents and dispatch in NORMAL mode. */
    public static final String DISPATCHER = "dispatcher";
    /** Command centre staff: dispatch in EMERGENCY mode and everything a dispatcher reads. */
    public static final String COMMAND_CENTER = "command-center";
    /** Duty leaders: cordons, command mode, patrol levels and reinforcement. */
    public static final String COMMANDER = "commander";
    /** Intelligence analysts: reports and wanted-list entries. */
    public static final String ANALYST = "analyst";
    /** Regional IT: the registries and bulk imports. */
    public static final String ADMIN = "admin";
    /** Other agencies' systems: the agency API within their granted regions. */
    public static final String AGENCY = "agency";
    /** The apps' own service accounts: service-only methods. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
