package org.fangkong.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@code ./fangkong up} was asked to do, from its command-line flags. */
public record LaunchOptions(Path repository, Path workDirectory, boolean fresh, ProvincePlan.Scale scale, boolean simulate, boolean freePorts,
        String externalPostgres, String externalRedis, String externalOidc, List<String> rest) {

    public static final String USAGE = """
            usage: ./fangkong up [--fresh] [--scale small|city|province] [--no-sim] [--work DIR] [--free-ports]
                                 [--postgres HOST:PORT] [--redis redis://HOST:PORT] [--oidc REALM_URL]
                   ./fangkong token USER            print an access token of a demo user (the suite must be up)
                   ./fangkong token client ID       print a client-credentials token of an agency or app client
                   ./fangkong bench [SCENARIO...] [--free-ports]
                                                    measure the platform beside its parts' raw limits (bench/README.md)
                   ./fangkong dev-infra [DIR]       PostgreSQL, Redis and an OIDC stand-in for quarkus:dev (README)

              --fresh        start from empty data (PostgreSQL, Redis, Keycloak and the demo province)
              --scale        the demo province: small (default, starts fast), city, or province (the seed's real counts)
              --no-sim       no simulated patrols, incidents and checks
              --work DIR     where data and logs live (default .fangkong in the repository)
              --free-ports   pick free ports instead of the fixed ones (gateway 8080, Keycloak 8180, ...)
              --postgres     use this PostgreSQL instead of the embedded one: databases units, checkpoints, video and
                             alerts, each owned by a role of the same name whose password is in FANGKONG_DB_PASSWORD_<NAME>
                             (the role's name when unset)
              --redis        use this Redis instead of the embedded one
              --oidc         use this OIDC realm instead of the embedded Keycloak; each app's client secret comes from
                             FANGKONG_SECRET_<APP> (e.g. FANGKONG_SECRET_UNITS_SERVICE)

            FANGKONG_APP_JVM replaces the apps' small JVM settings (-Xmx384m, C1 only), e.g. "-Xmx1g -XX:+UseParallelGC"
            for --scale province.
            """;

    public static LaunchOptions parse(Path repository, List<String> args) {
        Path work = repository.resolve(".fangkong");
        boolean fresh = false;
        boolean simulate = true;
        boolean freePorts = false;
        ProvincePlan.Scale scale = ProvincePlan.Scale.SMALL;
        String postgres = null;
        String redis = null;
        String oidc = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--fresh" -> fresh = true;
                case "--no-sim" -> simulate = false;
                case "--free-ports" -> freePorts = true;
                case "--work" -> work = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--scale" -> scale = ProvincePlan.Scale.parse(value(args, ++i, arg));
                case "--postgres" -> postgres = value(args, ++i, arg);
                case "--redis" -> redis = value(args, ++i, arg);
                case "--oidc" -> oidc = value(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown flag " + arg + "\n" + USAGE);
                    }
                    rest.add(arg);
                }
            }
        }
        return new LaunchOptions(repository, work, fresh, scale, simulate, freePorts, postgres, redis, oidc, List.copyOf(rest));
    }

    private static String value(List<String> args, int index, String flag) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return args.get(index);
    }
}
