package org.fangkong.infra.testing;

/** Organisation codes tests use: Jiangsu province, Nanjing city and three of its districts, Suzhou city. */
public final class TestOrgs {

    public static final String JIANGSU = "320000000000";
    public static final String NANJING = "320100000000";
    public static final String XUANWU = "320102000000";
    public static final String QINHUAI = "320104000000";
    public static final String GULOU = "320106000000";
    public static final String SUZHOU = "320500000000";

    private TestOrgs() {
    }
}
