package org.fangkong.units.unit.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.fangkong.platform.errors.ConflictException;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.units.unit.NewUnit;
import org.fangkong.units.unit.Unit;
import org.fangkong.units.unit.repository.UnitRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Registers units and reads them within the caller's organisation scope. */
@ApplicationScoped
public class UnitRegistry {

    private static final String CALL_SIGN_CONSTRAINT = "unit_call_sign_per_org";

    private final UnitRepository units;
    private final Clock clock;

    public UnitRegistry(UnitRepository units, Clock clock) {
        this.units = units;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Unit> register(@NotNull Caller caller, @NotNull @Valid NewUnit spec) {
        if (spec.armedCount() > spec.headCount()) {
            throw new InvalidArgumentException("armed_count", "must not exceed head_count");
        }
        caller.requireScope("org_code", OrgCode.of(spec.orgCode()));
        return units.callSignTaken(spec.orgCode(), spec.callSign())
                .chain(taken -> {
                    if (taken) {
                        return Uni.createFrom().failure(duplicate(spec));
                    }
                    return units.persist(Unit.register(spec, caller.auditName(), now()));
                })
                // Two concurrent registrations of one call sign: the unique constraint decides.
                .onFailure(UnitRegistry::isDuplicateCallSign).transform(failure -> duplicate(spec));
    }

    /** The unit, if it exists and lies within the caller's scope. */
    @WithSession
    public Uni<Optional<Unit>> find(@NotNull Caller caller, @NotNull UUID id) {
        return units.findById(id)
                .map(unit -> caller.visible(unit, Unit::getOrgCode));
    }

    /** PostgreSQL keeps microseconds: what we answer must equal what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ConflictException duplicate(NewUnit spec) {
        return new ConflictException("call_sign " + spec.callSign() + " is already used in organisation " + spec.orgCode());
    }

    private static boolean isDuplicateCallSign(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(CALL_SIGN_CONSTRAINT)) {
                return true;
            }
        }
        return false;
    }
}
