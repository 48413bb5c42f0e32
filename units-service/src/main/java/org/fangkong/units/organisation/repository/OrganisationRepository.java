package org.fangkong.units.organisation.repository;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.units.organisation.Organisation;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OrganisationRepository implements PanacheRepositoryBase<Organisation, String> {

    /** Every organisation whose code starts with the prefix, ordered so parents come before their children. */
    public Uni<List<Organisation>> subtree(String codePrefix) {
        return list("code like ?1 order by code", codePrefix + "%");
    }

    public Uni<List<Organisation>> findByCodes(Collection<String> codes) {
        return codes.isEmpty() ? Uni.createFrom().item(List.of()) : list("code in ?1", codes);
    }
}
