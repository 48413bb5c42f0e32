package org.fangkong.platform.time;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Server time and the configured time zone: every timestamp a service records comes from here, never a device. */
@Singleton
public class ServerClock {

    private final ZoneId zone;

    public ServerClock(@ConfigProperty(name = "fangkong.time-zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.zone = zone;
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.system(zone);
    }

    /** The zone days are counted in (daily analysis, incident numbers). */
    public ZoneId zone() {
        return zone;
    }
}
