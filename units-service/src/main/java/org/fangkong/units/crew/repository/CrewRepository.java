package org.fangkong.units.crew.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.units.crew.CrewMember;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CrewRepository implements PanacheRepositoryBase<CrewMember, UUID> {

    /** Shifts of the subject overlapping [start, end). */
    public Uni<List<CrewMember>> overlapping(String subject, Instant start, Instant end) {
        return list("subject = ?1 and shiftStart < ?3 and shiftEnd > ?2", subject, start, end);
    }

    public Uni<List<CrewMember>> onUnitAt(UUID unitId, Instant at) {
        return list("unitId = ?1 and shiftStart <= ?2 and shiftEnd > ?2 order by subject", unitId, at);
    }

    public Uni<Optional<CrewMember>> shiftOf(String subject, Instant at) {
        return find("subject = ?1 and shiftStart <= ?2 and shiftEnd > ?2", subject, at).firstResult()
                .map(Optional::ofNullable);
    }

    /** Running and future shifts of the subject on the unit. */
    public Uni<List<CrewMember>> currentAndFuture(UUID unitId, String subject, Instant now) {
        return list("unitId = ?1 and subject = ?2 and shiftEnd > ?3", unitId, subject, now);
    }

    /** Serialises assignments of one user, so two concurrent ones cannot both pass the overlap check. */
    public Uni<Void> lockSubject(String subject) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(?1))) locked", Integer.class)
                        .setParameter(1, subject)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
