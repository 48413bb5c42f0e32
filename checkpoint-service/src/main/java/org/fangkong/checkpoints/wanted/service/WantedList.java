package org.fangkong.checkpoints.wanted.service;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.checkpoints.wanted.NewWantedEntry;
import org.fangkong.checkpoints.wanted.WantedEntry;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.paging.Paging;
import org.fangkong.platform.recovery.HotStateRebuilder;
import org.fangkong.platform.wanted.Plates;
import org.fangkong.platform.wanted.WantedListMirror;
import org.fangkong.platform.wanted.WantedListReader;
import org.fangkong.platform.wanted.WantedMark;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The wanted list: PostgreSQL holds every entry; Redis mirrors the active ones for O(1) matching by any service.
 * Writers take one advisory lock and update the mirror before their transaction commits, so when a call returns an
 * added entry matches and a removed one does not; if the commit then fails, the touched fields are rewritten from
 * PostgreSQL. Imports stage rows in a temporary table and merge them with a few set-based statements.
 */
@ApplicationScoped
public class WantedList implements HotStateRebuilder {

    private static final Logger LOG = Logger.getLogger(WantedList.class);
    /** Serialises writers of the list (and of its mirror). */
    private static final long LOCK = 0x77616e746564L;
    public static final String MANUAL_SOURCE = "manual";
    private static final int FIELDS_PER_QUERY = 5000;

    private static final String STAGE = "create temp table staged (kind varchar(8), plate varchar(16), plate_colour varchar(8), "
            + "id_hash varchar(64), id_masked varchar(18), match_field varchar(80), reason varchar(500), severity integer, "
            + "issuing_agency varchar(128), valid_from timestamptz, valid_to timestamptz, external_ref varchar(128)) on commit drop";
    private static final String INSERT_STAGED = "insert into staged values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
    private static final String ADD = "insert into wanted_entry (id, kind, plate, plate_colour, id_hash, id_masked, match_field, reason, "
            + "severity, issuing_agency, valid_from, valid_to, source, external_ref, import_run, created_at, created_by) "
            + "select gen_random_uuid(), s.kind, s.plate, s.plate_colour, s.id_hash, s.id_masked, s.match_field, s.reason, s.severity, "
            + "s.issuing_agency, coalesce(s.valid_from, $3::timestamptz), coalesce(s.valid_to, coalesce(s.valid_from, $3::timestamptz) + $5::bigint * interval '1 second'), "
            + "$1::varchar, s.external_ref, $2::uuid, $3::timestamptz, $4::varchar from staged s "
            + "where s.external_ref is null or not exists "
            + "(select 1 from wanted_entry w where w.source = $1::varchar and w.external_ref = s.external_ref) returning id, match_field";
    private static final String CHANGED_FIELDS = "select w.match_field from wanted_entry w join staged s "
            + "on w.source = $1 and w.external_ref = s.external_ref";
    private static final String UPDATE = "update wanted_entry w set kind = s.kind, plate = s.plate, plate_colour = s.plate_colour, "
            + "id_hash = s.id_hash, id_masked = s.id_masked, match_field = s.match_field, reason = s.reason, severity = s.severity, "
            + "issuing_agency = s.issuing_agency, valid_from = coalesce(s.valid_from, w.valid_from), "
            + "valid_to = coalesce(s.valid_to, w.valid_to), removed_at = null, "
            + "removed_by = null, import_run = $2, version = w.version + 1 from staged s "
            + "where w.source = $1 and w.external_ref = s.external_ref and (w.kind, w.plate, w.plate_colour, w.id_hash, w.reason, "
            + "w.severity, w.issuing_agency, w.valid_from, w.valid_to, w.removed_at is null) is distinct from (s.kind, s.plate, "
            + "s.plate_colour, s.id_hash, s.reason, s.severity, s.issuing_agency, coalesce(s.valid_from, w.valid_from), "
            + "coalesce(s.valid_to, w.valid_to), true) returning w.match_field";
    private static final String REMOVE_MISSING = "update wanted_entry w set removed_at = $2, removed_by = $3, version = w.version + 1 "
            + "where w.source = $1 and w.removed_at is null and (w.external_ref is null or not exists "
            + "(select 1 from staged s where s.external_ref = w.external_ref)) returning w.match_field";
    private static final String ACTIVE_OF_FIELDS = "select " + WantedEntry.COLUMNS + " from wanted_entry "
            + "where removed_at is null and valid_to > $1 and match_field = any($2)";

    private final Pool database;
    private final WantedListMirror mirror;
    private final WantedListReader reader;
    private final Clock clock;
    private final java.time.Duration defaultValidity;

    public WantedList(Pool database, WantedListMirror mirror, WantedListReader reader, Clock clock,
            org.fangkong.checkpoints.config.CheckpointsConfig config) {
        this.database = database;
        this.mirror = mirror;
        this.reader = reader;
        this.clock = clock;
        this.defaultValidity = config.wanted().defaultValidity();
    }

    public enum Mode {
        ADD, SYNC
    }

    /** A validated chunk of an import; the first names the source and mode for the whole stream. */
    public record Chunk(String source, Mode mode, List<NewWantedEntry> entries) {
    }

    /** Counts of one import. */
    public record ImportResult(int added, int updated, int removed, int unchanged) {
    }

    /** Adds one entry by hand; it matches once this returns. */
    public Uni<WantedEntry> add(Caller caller, NewWantedEntry entry) {
        UUID[] created = new UUID[1];
        return apply(caller, Multi.createFrom().item(new Chunk(MANUAL_SOURCE, Mode.ADD, List.of(entry))), created)
                .chain(result -> find(created[0]))
                .map(Optional::orElseThrow);
    }

    /** Removes an entry; it never matches once this returns. */
    public Uni<WantedEntry> remove(Caller caller, UUID id, String reason) {
        new Violations().notBlank(reason, "reason").require(reason == null || reason.length() <= 500, "reason",
                "must be at most 500 characters").throwIfAny();
        Instant now = now();
        Set<String> touched = new HashSet<>();
        return database.withTransaction(connection -> lock(connection)
                .chain(() -> connection.preparedQuery("update wanted_entry set removed_at = $2, removed_by = $3, "
                        + "version = version + 1 where id = $1 and removed_at is null returning match_field")
                        .execute(Tuple.of(id, utc(now), caller.auditName() + ": " + reason.strip())))
                .chain(rows -> {
                    rows.forEach(row -> touched.add(row.getString(0)));
                    return refreshMirror(connection, touched, now);
                }))
                .onFailure().call(() -> repairMirror(touched))
                .chain(() -> find(id))
                .map(found -> found.orElseThrow(NotFoundException.of("wanted entry", id.toString())));
    }

    /**
     * Applies a streamed list: every chunk staged, then merged in the same transaction. Nothing takes effect unless
     * the whole stream is valid.
     */
    public Uni<ImportResult> importList(Caller caller, Multi<Chunk> chunks) {
        return apply(caller, chunks, new UUID[1]);
    }

    private Uni<ImportResult> apply(Caller caller, Multi<Chunk> chunks, UUID[] lastAdded) {
        Instant now = now();
        UUID run = UUID.randomUUID();
        Set<String> touched = new HashSet<>();
        int[] staged = {0};
        Chunk[] first = {null};
        return database.withTransaction(connection -> lock(connection)
                .chain(() -> connection.query(STAGE).execute())
                .chain(() -> chunks
                        .onItem().transformToUniAndConcatenate(chunk -> {
                            if (first[0] == null) {
                                first[0] = chunk;
                            }
                            return stage(connection, chunk.entries()).invoke(() -> staged[0] += chunk.entries().size());
                        })
                        .collect().last())
                .invoke(() -> {
                    if (first[0] == null) {
                        throw new org.fangkong.platform.errors.InvalidArgumentException("source", "the stream must carry at least one chunk");
                    }
                })
                // Without an index and statistics the merge would compare every staged row with every entry.
                .chain(() -> connection.query("create index on staged (external_ref)").execute())
                .chain(() -> connection.query("analyze staged").execute())
                .chain(() -> merge(connection, caller, first[0].source(), first[0].mode(), run, now, staged[0], touched, lastAdded)))
                .onFailure().call(() -> repairMirror(touched));
    }

    private Uni<ImportResult> merge(SqlConnection connection, Caller caller, String source, Mode mode, UUID run, Instant now, int staged,
            Set<String> touched, UUID[] lastAdded) {
        return connection.preparedQuery(CHANGED_FIELDS).execute(Tuple.of(source))
                .invoke(rows -> rows.forEach(row -> touched.add(row.getString(0))))
                .chain(() -> connection.query("select match_field from staged").execute())
                .invoke(rows -> rows.forEach(row -> touched.add(row.getString(0))))
                .chain(() -> connection.preparedQuery(ADD).execute(Tuple.of(source, run, utc(now), caller.auditName(),
                        defaultValidity.toSeconds())))
                .chain(added -> {
                    added.forEach(row -> lastAdded[0] = row.getUUID("id"));
                    return connection.preparedQuery(UPDATE).execute(Tuple.of(source, run)).chain(updated -> {
                        Uni<Integer> removed = mode == Mode.SYNC
                                ? connection.preparedQuery(REMOVE_MISSING).execute(Tuple.of(source, utc(now), caller.auditName() + ": sync"))
                                        .invoke(rows -> rows.forEach(row -> touched.add(row.getString(0)))).map(RowSet::rowCount)
                                : Uni.createFrom().item(0);
                        return removed.map(gone -> new ImportResult(added.rowCount(), updated.rowCount(), gone,
                                staged - added.rowCount() - updated.rowCount()));
                    });
                })
                .call(() -> refreshMirror(connection, touched, now));
    }

    private Uni<Void> stage(SqlConnection connection, List<NewWantedEntry> chunk) {
        if (chunk.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(chunk.size());
        for (NewWantedEntry e : chunk) {
            rows.add(Tuple.tuple(java.util.Arrays.asList(e.kind().name(), e.plate(), e.plateColour() == null ? null : e.plateColour().name(),
                    e.idHash(), e.idMasked(), e.matchField(), e.reason(), e.severity(), e.issuingAgency(),
                    e.validFrom() == null ? null : utc(e.validFrom()), e.validTo() == null ? null : utc(e.validTo()), e.externalRef())));
        }
        return connection.preparedQuery(INSERT_STAGED).executeBatch(rows).replaceWithVoid();
    }

    /** The most severe active entry for the field that matches now. */
    public Uni<Optional<WantedEntry>> matchVehicle(String plate, Plates.Colour colour) {
        return reader.vehicle(plate, colour).chain(this::entryOf);
    }

    public Uni<Optional<WantedEntry>> matchPerson(String idHash) {
        return reader.person(idHash).chain(this::entryOf);
    }

    private Uni<Optional<WantedEntry>> entryOf(Optional<WantedMark> mark) {
        return mark.isEmpty() ? Uni.createFrom().item(Optional.empty()) : find(mark.get().entryId());
    }

    public Uni<Optional<WantedEntry>> find(UUID id) {
        return database.preparedQuery("select " + WantedEntry.COLUMNS + " from wanted_entry where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(WantedEntry.of(rows.iterator().next())));
    }

    /** Entries newest first, filtered. */
    public Uni<Paging.Slice<WantedEntry>> list(WantedEntry.Kind kind, String plate, boolean includeRemoved, Paging.Page page) {
        StringBuilder sql = new StringBuilder("select " + WantedEntry.COLUMNS + ", created_at from wanted_entry where true");
        List<Object> params = new ArrayList<>();
        if (kind != null) {
            params.add(kind.name());
            sql.append(" and kind = $").append(params.size());
        }
        if (plate != null) {
            params.add(plate);
            sql.append(" and plate = $").append(params.size());
        }
        if (!includeRemoved) {
            sql.append(" and removed_at is null");
        }
        Paging.Key after = page.afterKey();
        if (after != null) {
            params.add(OffsetDateTime.parse(after.sortKey()));
            params.add(after.id());
            sql.append(" and (created_at, id) < ($").append(params.size() - 1).append(", $").append(params.size()).append(")");
        }
        sql.append(" order by created_at desc, id desc limit ").append(page.fetchSize());
        return database.preparedQuery(sql.toString()).execute(Tuple.tuple(params)).map(rows -> {
            List<WantedEntry> entries = new ArrayList<>();
            Map<UUID, String> createdAt = new HashMap<>();
            for (Row row : rows) {
                WantedEntry entry = WantedEntry.of(row);
                entries.add(entry);
                createdAt.put(entry.id(), row.getOffsetDateTime("created_at").toString());
            }
            return page.slice(entries, e -> createdAt.get(e.id()), WantedEntry::id);
        });
    }

    @Override
    public String name() {
        return "active wanted list";
    }

    /** After Redis lost its data: every active entry back into the mirror, under the writers' lock. */
    @Override
    public Uni<Void> rebuild() {
        Instant now = now();
        return database.withTransaction(connection -> lock(connection)
                .chain(() -> connection.preparedQuery("select distinct match_field from wanted_entry where removed_at is null and valid_to > $1")
                        .execute(Tuple.of(utc(now))))
                .chain(rows -> {
                    Set<String> fields = new HashSet<>();
                    rows.forEach(row -> fields.add(row.getString(0)));
                    LOG.infof("Rebuilding the wanted-list mirror: %d plates and persons", fields.size());
                    return refreshMirror(connection, fields, now);
                }));
    }

    /** Rewrites the mirror fields from the rows this connection sees. */
    private Uni<Void> refreshMirror(SqlConnection connection, Set<String> fields, Instant now) {
        List<String> all = new ArrayList<>(fields);
        return Multi.createFrom().range(0, (all.size() + FIELDS_PER_QUERY - 1) / FIELDS_PER_QUERY)
                .onItem().transformToUniAndConcatenate(i -> {
                    List<String> part = all.subList(i * FIELDS_PER_QUERY, Math.min(all.size(), (i + 1) * FIELDS_PER_QUERY));
                    return connection.preparedQuery(ACTIVE_OF_FIELDS).execute(Tuple.of(utc(now), part.toArray(String[]::new)))
                            .chain(rows -> {
                                Map<String, List<WantedMark>> marks = new LinkedHashMap<>();
                                part.forEach(field -> marks.put(field, new ArrayList<>()));
                                for (Row row : rows) {
                                    WantedEntry entry = WantedEntry.of(row);
                                    marks.get(entry.matchField()).add(entry.mark());
                                }
                                return mirror.write(marks);
                            });
                })
                .collect().last()
                .replaceWithVoid();
    }

    /** After a failed commit: the touched fields as PostgreSQL has them. */
    private Uni<Void> repairMirror(Set<String> touched) {
        if (touched.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return database.withConnection(connection -> refreshMirror(connection, touched, now()))
                .onFailure().invoke(failure -> LOG.errorf("Wanted-list mirror may be ahead of PostgreSQL for %d fields until the next "
                        + "rebuild: %s", touched.size(), failure.toString()))
                .onFailure().recoverWithNull();
    }

    private static Uni<Void> lock(SqlConnection connection) {
        return connection.preparedQuery("select 1 from (select pg_advisory_xact_lock($1)) locked").execute(Tuple.of(LOCK)).replaceWithVoid();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
