package org.fangkong.platform.streams;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.background.BackgroundRound;
import org.jboss.logging.Logger;

import io.grpc.Status;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Runs every {@link StreamHandler} of the app as a member of its consumer group. Each round, per handler: entries
 * another consumer (or this one) left unacknowledged for {@code claim-after} are claimed and handled, or parked with
 * the reason once delivered {@code max-deliveries} times, so a poison entry never blocks the stream; then new
 * entries are read and handled. An entry whose handler failed because a service it calls is down is not at fault: it
 * waits, retried every {@code claim-after}, and is never parked for that. An entry is acknowledged only after its
 * handler completed. A group Redis lost (or
 * never had) is created again from the start of the stream, so nothing retained is skipped.
 */
@ApplicationScoped
public class GroupReaders {

    private static final Logger LOG = Logger.getLogger(GroupReaders.class);

    private final Redis redis;
    private final StreamsConfig config;
    private final List<StreamHandler> handlers;
    /** This process within its groups: unique, so a restarted replica's old entries are claimable, not its own. */
    private final String consumer;
    /** Why entries failed here, for the park reason. */
    private final Map<String, String> lastFailures = new ConcurrentHashMap<>();
    /** Groups whose handler is waiting out an outage of a service it calls (logged once until it handles again). */
    private final Set<String> outages = ConcurrentHashMap.newKeySet();

    public GroupReaders(Redis redis, StreamsConfig config, Instance<StreamHandler> handlers,
            @ConfigProperty(name = "quarkus.application.name") String app) {
        this.redis = redis;
        this.config = config;
        this.handlers = handlers.stream().toList();
        this.consumer = app + "-" + UUID.randomUUID();
    }

    public String consumer() {
        return consumer;
    }

    @Scheduled(every = "${fangkong.streams.poll-interval:100ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRound() {
        return BackgroundRound.run(LOG, "Stream round", readAll());
    }

    /** One round over every handler; returns how many entries were handled successfully. */
    public Uni<Integer> readAll() {
        return Multi.createFrom().iterable(handlers)
                .onItem().transformToUniAndConcatenate(this::round)
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> round(StreamHandler handler) {
        return takeOverStale(handler)
                .chain(claimed -> readNew(handler).map(read -> claimed + read))
                .onFailure(GroupReaders::isNoGroup).recoverWithUni(() -> createGroup(handler).replaceWith(0));
    }

    private Uni<Integer> readNew(StreamHandler handler) {
        return readNew(handler, 1, 0);
    }

    /**
     * Reads batch after batch while they come back full (a backlog), up to {@code max-batches-per-round}: a stream
     * that grows faster than one batch a round is still drained, whatever the scheduler's real interval.
     */
    private Uni<Integer> readNew(StreamHandler handler, int batch, int handledSoFar) {
        Request read = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(handler.group()).arg(consumer)
                .arg("COUNT").arg(config.batchSize()).arg("STREAMS").arg(handler.stream()).arg(">");
        return redis.send(read).chain(reply -> {
            List<StreamEntry> entries = StreamReplies.ofRead(reply);
            return handleAll(handler, entries).chain(handled -> entries.size() >= config.batchSize() && batch < config.maxBatchesPerRound()
                    ? readNew(handler, batch + 1, handledSoFar + handled)
                    : Uni.createFrom().item(handledSoFar + handled));
        });
    }

    /** Pending entries idle past {@code claim-after}: parked when delivered too often, else claimed and handled. */
    private Uni<Integer> takeOverStale(StreamHandler handler) {
        Request pending = Request.cmd(Command.XPENDING).arg(handler.stream()).arg(handler.group())
                .arg("IDLE").arg(config.claimAfter().toMillis()).arg("-").arg("+").arg(config.batchSize());
        return redis.send(pending).chain(reply -> Multi.createFrom().iterable(reply == null ? List.<Response>of() : toList(reply))
                .onItem().transformToUniAndConcatenate(entry -> {
                    String id = entry.get(0).toString();
                    long deliveries = entry.get(3).toLong();
                    if (deliveries >= config.maxDeliveries()) {
                        return park(handler, id, deliveries).replaceWith(0);
                    }
                    Request claim = Request.cmd(Command.XCLAIM).arg(handler.stream()).arg(handler.group()).arg(consumer)
                            .arg(config.claimAfter().toMillis()).arg(id);
                    return redis.send(claim).chain(claimed -> handleAll(handler, StreamReplies.entries(claimed)));
                })
                .collect().with(Collectors.summingInt(Integer::intValue)));
    }

    /** The whole batch at once, acknowledged together; entry by entry when the batch fails. */
    private Uni<Integer> handleAll(StreamHandler handler, List<StreamEntry> entries) {
        if (entries.size() < 2) {
            return handleEach(handler, entries);
        }
        Request ack = Request.cmd(Command.XACK).arg(handler.stream()).arg(handler.group());
        entries.forEach(entry -> ack.arg(entry.id()));
        return handler.handleBatch(entries)
                .chain(() -> redis.send(ack))
                .invoke(() -> outageOver(handler))
                .replaceWith(entries.size())
                .onFailure().recoverWithUni(() -> handleEach(handler, entries));
    }

    private Uni<Integer> handleEach(StreamHandler handler, List<StreamEntry> entries) {
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndConcatenate(entry -> handler.handle(entry)
                        .chain(() -> ack(handler, entry.id()))
                        .invoke(() -> {
                            lastFailures.remove(entry.id());
                            outageOver(handler);
                        })
                        .replaceWith(1)
                        .onFailure(GroupReaders::isOutage).recoverWithUni(outage -> waitOutOutage(handler, entry, outage))
                        .onFailure().recoverWithItem(failure -> {
                            lastFailures.put(entry.id(), failure.toString());
                            LOG.warnf("%s could not handle %s %s, it is retried after %s: %s", handler.group(),
                                    handler.stream(), entry.id(), config.claimAfter(), failure.toString());
                            return 0;
                        }))
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    /**
     * A service the handler calls is down or not answering: the entry is not at fault, so its delivery count is reset
     * (it is never parked for an outage, however long) and it is retried after {@code claim-after}. Logged once per
     * outage, not once per entry.
     */
    private Uni<Integer> waitOutOutage(StreamHandler handler, StreamEntry entry, Throwable outage) {
        if (outages.add(handler.group())) {
            LOG.warnf("%s: a service it calls is unavailable (%s); its entries wait and are retried every %s until it is back", handler.group(),
                    outage.toString(), config.claimAfter());
        }
        Request keep = Request.cmd(Command.XCLAIM).arg(handler.stream()).arg(handler.group()).arg(consumer).arg(0).arg(entry.id())
                .arg("RETRYCOUNT").arg(0).arg("JUSTID");
        return redis.send(keep).replaceWith(0);
    }

    private void outageOver(StreamHandler handler) {
        if (outages.remove(handler.group())) {
            LOG.infof("%s: handling again", handler.group());
        }
    }

    /** A platform service unreachable, refusing for now or not answering in time (as opposed to a bad entry). */
    static boolean isOutage(Throwable failure) {
        Status.Code code = Status.fromThrowable(failure).getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                || failure instanceof CircuitBreakerOpenException || failure instanceof io.smallrye.mutiny.TimeoutException;
    }

    /** Moves an entry that keeps failing to the group's parked stream, with the reason, and acknowledges it. */
    private Uni<Void> park(StreamHandler handler, String id, long deliveries) {
        String reason = "delivered " + deliveries + " times without success; last failure here: "
                + lastFailures.getOrDefault(id, "unknown (it failed on another replica)");
        return redis.send(Request.cmd(Command.XRANGE).arg(handler.stream()).arg(id).arg(id))
                .chain(found -> {
                    List<StreamEntry> entries = StreamReplies.entries(found);
                    Request parkedEntry = Request.cmd(Command.XADD).arg(RedisKeys.parked(handler.stream(), handler.group())).arg("*")
                            .arg("id").arg(id).arg("reason").arg(reason)
                            .arg(StreamEntry.EVENT_FIELD).arg(io.vertx.mutiny.core.buffer.Buffer.buffer(
                                    entries.isEmpty() ? new byte[0] : entries.get(0).event()));
                    return redis.send(parkedEntry);
                })
                .chain(() -> ack(handler, id))
                .invoke(() -> {
                    lastFailures.remove(id);
                    LOG.errorf("%s parked %s %s: %s", handler.group(), handler.stream(), id, reason);
                });
    }

    private Uni<Void> ack(StreamHandler handler, String id) {
        return redis.send(Request.cmd(Command.XACK).arg(handler.stream()).arg(handler.group()).arg(id)).replaceWithVoid();
    }

    private Uni<Void> createGroup(StreamHandler handler) {
        LOG.infof("Creating consumer group %s on %s", handler.group(), handler.stream());
        return redis.send(Request.cmd(Command.XGROUP).arg("CREATE").arg(handler.stream()).arg(handler.group()).arg("0").arg("MKSTREAM"))
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("BUSYGROUP")).recoverWithNull()
                .replaceWithVoid();
    }

    private static boolean isNoGroup(Throwable failure) {
        return String.valueOf(failure.getMessage()).startsWith("NOGROUP");
    }

    private static List<Response> toList(Response reply) {
        List<Response> items = new java.util.ArrayList<>();
        reply.forEach(items::add);
        return items;
    }
}
