package org.fangkong.platform.identity;

import java.util.Optional;
import java.util.Set;

import org.fangkong.platform.errors.PermissionDeniedException;

/**
 * Who is calling: the token's subject, its realm roles and, for people, the organisation they belong to.
 * Service accounts carry no organisation and act across the whole platform; they may name the user they act for.
 */
public record Caller(String subject, Set<String> roles, Optional<OrgCode> org, Optional<Actor> actingFor) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public Caller(String subject, Set<String> roles, Optional<OrgCode> org) {
        this(subject, roles, org, Optional.empty());
    }

    /** Who to record as having done something: the acting user, and the service that acted for them. */
    public String auditName() {
        return actingFor.map(actor -> actor.subject() + " via " + subject).orElse(subject);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isService() {
        return hasRole(Roles.SERVICE);
    }

    /** Whether a record owned by {@code owner} lies within what this caller may see. */
    public boolean canSee(OrgCode owner) {
        return isService() || org.map(own -> own.covers(owner)).orElse(false);
    }

    /**
     * The organisation scope of this caller as a code prefix ({@code ""} for service accounts, which see
     * everything); fails when a person's token has no organisation.
     */
    public String scopePrefix() {
        if (isService()) {
            return "";
        }
        return requireOrg().scopePrefix();
    }

    /** The record if it exists and its owner lies within this caller's scope; empty otherwise. */
    public <T> Optional<T> visible(T record, java.util.function.Function<T, String> orgCodeOf) {
        return Optional.ofNullable(record).filter(r -> canSee(OrgCode.of(orgCodeOf.apply(r))));
    }

    public OrgCode requireOrg() {
        return org.orElseThrow(() -> new PermissionDeniedException("the caller's token carries no organisation (claim 'org')"));
    }

    /** Fails unless {@code owner} lies within this caller's scope; used before writes on behalf of an organisation. */
    public void requireScope(String field, OrgCode owner) {
        if (!canSee(owner)) {
            throw new PermissionDeniedException(field + " " + owner + " is outside the caller's organisation scope");
        }
    }

    /**
     * The organisation a request is about: the one asked for in {@code field} (which must lie within this caller's
     * scope), else the caller's own. Service accounts have no organisation of their own and must name one.
     */
    public OrgCode scopeFor(String field, String asked) {
        if (asked == null || asked.isBlank()) {
            if (org.isEmpty()) {
                throw new org.fangkong.platform.errors.InvalidArgumentException(field, "is required for callers without an organisation");
            }
            return org.get();
        }
        OrgCode code = OrgCode.parse(field, asked.strip());
        requireScope(field, code);
        return code;
    }
}
