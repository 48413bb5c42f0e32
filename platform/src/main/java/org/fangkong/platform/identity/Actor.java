package org.fangkong.platform.identity;

import java.util.Optional;

/** The user a service acts for, as named in the call's metadata (trusted only on a service-account token). */
public record Actor(String subject, Optional<OrgCode> org) {
}
