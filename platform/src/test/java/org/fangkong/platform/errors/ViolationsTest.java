package org.fangkong.platform.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Hand-checked rules name the field and the rule, and collect every violation before failing once. */
class ViolationsTest {

    @Test
    void externalIdsAreOneTo64PrintableAsciiCharacters() {
        new Violations().externalId("cap-20261202-000001", "capture_id").externalId("x".repeat(64), "capture_id").throwIfAny();
        for (String bad : new String[] {null, "", "x".repeat(65), "with space", "tab\there", "苏A12345", "del\u007f"}) {
            InvalidArgumentException refused = assertThrows(InvalidArgumentException.class,
                    () -> new Violations().externalId(bad, "captures[3].capture_id").throwIfAny(), String.valueOf(bad));
            assertEquals(List.of(new FieldViolation("captures[3].capture_id", "is required: 1 to 64 printable ASCII characters")),
                    refused.violations());
        }
    }

    @Test
    void rangesIncludeTheirEndsAndRefuseNotANumber() {
        new Violations().range(0, 0, 360, "heading_deg").range(360, 0, 360, "heading_deg").throwIfAny();
        InvalidArgumentException refused = assertThrows(InvalidArgumentException.class, () -> new Violations()
                .range(-0.1, 0, 360, "fixes[0].heading_deg").range(Double.NaN, 0, 200, "fixes[1].speed_mps").throwIfAny());
        assertEquals(List.of(new FieldViolation("fixes[0].heading_deg", "must be between 0.0 and 360.0"),
                new FieldViolation("fixes[1].speed_mps", "must be between 0.0 and 200.0")), refused.violations());
    }
}
