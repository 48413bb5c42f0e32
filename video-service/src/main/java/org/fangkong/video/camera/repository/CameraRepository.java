package org.fangkong.video.camera.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.video.camera.Camera;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CameraRepository implements PanacheRepositoryBase<Camera, UUID> {

    public Uni<Boolean> codeTaken(String gbCode) {
        return count("gbCode", gbCode).map(count -> count > 0);
    }

    /** A filtered page of a subtree, by code, after the given code ("" for the first page). */
    public Uni<List<Camera>> page(String scopePrefix, List<Camera.Kind> kinds, Boolean online, UUID pointId, String afterCode, int limit) {
        StringBuilder where = new StringBuilder("orgCode like :scope and gbCode > :after and retiredAt is null");
        Map<String, Object> params = new HashMap<>();
        params.put("scope", scopePrefix + "%");
        params.put("after", afterCode);
        if (!kinds.isEmpty()) {
            where.append(" and kind in :kinds");
            params.put("kinds", kinds);
        }
        if (online != null) {
            where.append(" and online = :online");
            params.put("online", online);
        }
        if (pointId != null) {
            where.append(" and pointId = :point");
            params.put("point", pointId);
        }
        return find(where + " order by gbCode", params).page(0, limit).list();
    }
}
