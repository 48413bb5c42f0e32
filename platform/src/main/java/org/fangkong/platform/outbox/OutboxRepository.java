package org.fangkong.platform.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /**
     * The oldest committed events not being relayed by another replica, locked until this transaction ends. Rows
     * an uncommitted transaction is still writing are invisible here and are taken by a later round.
     */
    public Uni<List<OutboxEvent>> lockBatch(int size) {
        return getSession().chain(session -> session
                .createNativeQuery("select * from outbox_event order by seq limit :size for update skip locked", OutboxEvent.class)
                .setParameter("size", size)
                .getResultList());
    }

    public Uni<Long> deleteBySeq(List<Long> seqs) {
        return delete("seq in ?1", seqs);
    }
}
