package org.fangkong.checkpoints.cordon;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Where a plan's latest activation stands: who ordered it, and each member's confirmation. */
public record CordonStatus(UUID planId, UUID activationId, boolean active, Instant activatedAt, String activatedBy, String reason,
        UUID incidentId, List<Member> members) {

    public record Member(UUID checkpointId, String code, Instant confirmedAt, boolean overdue) {
        public boolean confirmed() {
            return confirmedAt != null;
        }
    }

    public static CordonStatus never(UUID planId) {
        return new CordonStatus(planId, null, false, null, null, null, null, List.of());
    }

    public int confirmed() {
        return (int) members.stream().filter(Member::confirmed).count();
    }

    public int pending() {
        return members.size() - confirmed();
    }

    /** From activation to the member's confirmation. */
    public int secondsToSealed(Member member) {
        return member.confirmed() ? (int) Duration.between(activatedAt, member.confirmedAt()).toSeconds() : 0;
    }

    /** From activation to the last confirmation; 0 while any member is pending. */
    public int secondsToSealed() {
        if (members.isEmpty() || pending() > 0) {
            return 0;
        }
        return members.stream().mapToInt(this::secondsToSealed).max().orElse(0);
    }
}
