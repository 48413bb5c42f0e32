package org.fangkong.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts PostgreSQL and Redis on fixed loopback ports with persistent data, so the services can run in Quarkus dev
 * mode ({@code ./mvnw -pl units-service quarkus:dev}); their {@code %dev} profiles point here. Stop with Ctrl+C.
 */
public final class LocalInfrastructure {

    /** PostgreSQL port the services' %dev profiles use. */
    public static final int POSTGRES_PORT = 55432;
    /** Redis port the services' %dev profiles use. */
    public static final int REDIS_PORT = 56379;
    /** One database per data-owning service. */
    public static final List<String> DATABASES = List.of("units", "checkpoints", "video", "alerts");

    private LocalInfrastructure() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path data = Path.of(args.length > 0 ? args[0] : "target/local-data").toAbsolutePath();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(POSTGRES_PORT, data.resolve("postgres"));
        DATABASES.forEach(postgres::createDatabase);
        EmbeddedRedisServer redis = EmbeddedRedisServer.start(REDIS_PORT, data.resolve("redis"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            redis.close();
            postgres.close();
            stopped.countDown();
        }));
        System.out.printf("PostgreSQL %s (databases %s, user = password = database name)%nRedis %s%nData in %s. Ctrl+C stops.%n",
                postgres.jdbcUrl("<database>"), DATABASES, redis.url(), data);
        stopped.await();
    }
}
