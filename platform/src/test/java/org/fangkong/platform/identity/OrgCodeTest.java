package org.fangkong.platform.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.fangkong.platform.errors.FieldViolation;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.PermissionDeniedException;
import org.junit.jupiter.api.Test;

class OrgCodeTest {

    static final OrgCode JIANGSU = OrgCode.of("320000000000");
    static final OrgCode NANJING = OrgCode.of("320100000000");
    static final OrgCode XUANWU = OrgCode.of("320102000000");
    static final OrgCode XUANWU_STATION = OrgCode.of("320102000017");
    static final OrgCode XUANWU_OTHER_STATION = OrgCode.of("320102000018");
    static final OrgCode SUZHOU = OrgCode.of("320500000000");
    static final OrgCode ANHUI = OrgCode.of("340000000000");

    @Test
    void aBureauSeesItsDivisionsWholeSubtree() {
        assertEquals("32", JIANGSU.scopePrefix());
        assertEquals("3201", NANJING.scopePrefix());
        assertEquals("320102", XUANWU.scopePrefix());
        assertTrue(JIANGSU.covers(SUZHOU));
        assertTrue(NANJING.covers(XUANWU_STATION));
        assertTrue(XUANWU.covers(XUANWU_STATION));
        assertFalse(NANJING.covers(SUZHOU));
        assertFalse(JIANGSU.covers(ANHUI));
        assertFalse(XUANWU.covers(NANJING), "a district does not see its city");
    }

    @Test
    void aStationSeesOnlyItself() {
        assertEquals("320102000017", XUANWU_STATION.scopePrefix());
        assertTrue(XUANWU_STATION.covers(XUANWU_STATION));
        assertFalse(XUANWU_STATION.covers(XUANWU_OTHER_STATION));
        assertFalse(XUANWU_STATION.covers(XUANWU));
    }

    @Test
    void malformedCodesAreRefusedNamingTheField() {
        for (String bad : List.of("", "3201", "32010000000a", "3201000000001", "000000000001")) {
            InvalidArgumentException refused = assertThrows(InvalidArgumentException.class, () -> OrgCode.parse("org_code", bad));
            assertEquals(List.of(new FieldViolation("org_code", OrgCode.RULE)), refused.violations());
        }
        assertEquals(XUANWU, OrgCode.parse("org_code", "320102000000"));
    }

    @Test
    void callersSeeByTheirOrganisationAndServicesSeeEverything() {
        Caller dispatcher = new Caller("duty", Set.of(Roles.DISPATCHER), Optional.of(NANJING));
        Caller service = new Caller("alert-service", Set.of(Roles.SERVICE), Optional.empty());
        Caller noOrg = new Caller("someone", Set.of(Roles.DISPATCHER), Optional.empty());

        assertTrue(dispatcher.canSee(XUANWU_STATION));
        assertFalse(dispatcher.canSee(SUZHOU));
        assertTrue(service.canSee(ANHUI));
        assertEquals("", service.scopePrefix());
        assertFalse(noOrg.canSee(XUANWU), "a person's token without an organisation sees nothing");
        assertThrows(PermissionDeniedException.class, noOrg::scopePrefix);
        assertThrows(PermissionDeniedException.class, () -> dispatcher.requireScope("org_code", SUZHOU));
    }
}
