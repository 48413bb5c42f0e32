package org.fangkong.launcher;

import java.util.List;

/**
 * Who is in the demo realm ({@code infra/src/main/resources/keycloak/fangkong-realm.json}): people of every role in
 * two cities, the apps' service accounts and two agencies. Every demo password is {@link #PASSWORD}; these accounts
 * exist for trying the platform out and must never reach a real deployment.
 */
public final class DemoRealm {

    public static final String PASSWORD = "fangkong";
    /** The phone app's public client: the password grant is enabled on it for the demo and the tests. */
    public static final String APP_CLIENT = "fangkong-app";
    /** The browser console's public client (authorization code with PKCE). */
    public static final String CONSOLE_CLIENT = "fangkong-console";
    /** The launcher's own service account (realm role {@code service}): the simulated relay of capture cameras. */
    public static final String LAUNCHER_CLIENT = "fangkong-launcher";
    /** The five apps, each with a client-credentials service account named after it (realm role {@code service}). */
    public static final List<String> APPS = List.of("units-service", "checkpoint-service", "video-service", "alert-service", "gateway");

    public static final String JIANGSU = "320000000000";
    public static final String NANJING = "320100000000";
    public static final String XUANWU = "320102000000";
    public static final String QINHUAI = "320104000000";
    public static final String SUZHOU = "320500000000";

    /** A demo person: user name, role, organisation. */
    public record Person(String username, String role, String org, String who) {
    }

    public static final List<Person> PEOPLE = List.of(
            new Person("commander", "commander", NANJING, "Nanjing bureau commander"),
            new Person("dispatcher", "dispatcher", NANJING, "Nanjing duty-room dispatcher"),
            new Person("command-center", "command-center", JIANGSU, "provincial command centre"),
            new Person("checkpoint", "checkpoint", NANJING, "Nanjing checkpoint staff"),
            new Person("video-operator", "video-operator", NANJING, "Nanjing video patrol desk"),
            new Person("analyst", "analyst", JIANGSU, "provincial analyst"),
            new Person("admin", "admin", JIANGSU, "provincial administrator"),
            new Person("officer1", "officer", XUANWU, "Xuanwu officer, crew of the first Xuanwu unit"),
            new Person("officer2", "officer", XUANWU, "Xuanwu officer, crew of the first Xuanwu unit"),
            new Person("officer3", "officer", XUANWU, "Xuanwu officer, crew of the second Xuanwu unit"),
            new Person("officer4", "officer", XUANWU, "Xuanwu officer, crew of the third Xuanwu unit"),
            new Person("officer5", "officer", QINHUAI, "Qinhuai officer, crew of the first Qinhuai unit"),
            new Person("officer6", "officer", QINHUAI, "Qinhuai officer, crew of the first Qinhuai unit"),
            new Person("officer7", "officer", QINHUAI, "Qinhuai officer, crew of the second Qinhuai unit"),
            new Person("officer8", "officer", QINHUAI, "Qinhuai officer, crew of the third Qinhuai unit"),
            new Person("suzhou-commander", "commander", SUZHOU, "Suzhou bureau commander (second city)"),
            new Person("suzhou-dispatcher", "dispatcher", SUZHOU, "Suzhou duty-room dispatcher (second city)"),
            new Person("suzhou-officer", "officer", "320508000000", "Gusu officer (second city)"));

    /** Agencies with client credentials: client id, the regions granted in their token. */
    public record Agency(String clientId, String name, String regions) {
    }

    public static final List<Agency> AGENCIES = List.of(
            new Agency("nanjing-traffic-police", "南京市公安局交通管理局", NANJING),
            new Agency("jiangsu-armed-police", "武警江苏总队", JIANGSU));

    private DemoRealm() {
    }

    /** The demo secret of a confidential client (an app's or an agency's service account). */
    public static String secret(String clientId) {
        return "demo-" + clientId + "-secret";
    }

    public static Person person(String username) {
        return PEOPLE.stream().filter(p -> p.username().equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo user " + username + "; the demo users are "
                        + PEOPLE.stream().map(Person::username).toList()));
    }
}
