package org.fangkong.units.unit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.fangkong.platform.identity.Secrets;

/**
 * A phone or vehicle terminal bound to a unit. The id is a device secret, so only its SHA-256 is stored: a copy of
 * the database does not let anyone report positions as the unit.
 */
@Entity
@Table(name = "unit_terminal")
public class UnitTerminal {

    /** Shortest terminal id accepted: long enough not to be guessed. */
    public static final int MIN_LENGTH = 24;
    public static final int MAX_LENGTH = 128;
    public static final String RULE = "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " printable ASCII characters";

    @Id
    @Column(name = "terminal_hash")
    private String terminalHash;

    @Column(name = "unit_id")
    private UUID unitId;

    private String hint;

    @Column(name = "bound_at")
    private Instant boundAt;

    protected UnitTerminal() {
    }

    public UnitTerminal(String terminalId, UUID unitId, Instant boundAt) {
        this.terminalHash = hash(terminalId);
        this.unitId = unitId;
        this.hint = hint(terminalId);
        this.boundAt = boundAt;
    }

    public static boolean valid(String terminalId) {
        return terminalId != null && terminalId.length() >= MIN_LENGTH && terminalId.length() <= MAX_LENGTH
                && terminalId.chars().allMatch(c -> c > 32 && c < 127);
    }

    public static String hash(String terminalId) {
        return Secrets.sha256(terminalId);
    }

    public static String hint(String terminalId) {
        return terminalId.substring(terminalId.length() - 4);
    }

    public String getTerminalHash() {
        return terminalHash;
    }

    public UUID getUnitId() {
        return unitId;
    }
}
