-- The wanted list (布控). A person's ID number is kept only as a keyed hash and a masked form.
create table wanted_entry (
    id             uuid         primary key,
    kind           varchar(8)   not null check (kind in ('VEHICLE', 'PERSON')),
    plate          varchar(16),
    plate_colour   varchar(8),
    id_hash        varchar(64),
    id_masked      varchar(18),
    -- What the Redis mirror and matching key on: V:<plate> or P:<id hash>.
    match_field    varchar(80)  not null,
    reason         varchar(500) not null,
    severity       integer      not null check (severity between 1 and 4),
    issuing_agency varchar(128) not null,
    valid_from     timestamptz  not null,
    valid_to       timestamptz  not null,
    -- The issuing list's own id, for syncs; unique per source.
    source         varchar(64)  not null,
    external_ref   varchar(128),
    import_run     uuid,
    created_at     timestamptz  not null,
    created_by     varchar(128) not null,
    removed_at     timestamptz,
    removed_by     varchar(128),
    version        bigint       not null default 0,
    check (valid_to > valid_from),
    check ((kind = 'VEHICLE') = (plate is not null)),
    check ((kind = 'PERSON') = (id_hash is not null))
);

create unique index wanted_entry_source_ref on wanted_entry (source, external_ref) where external_ref is not null;
create index wanted_entry_active_field on wanted_entry (match_field) where removed_at is null;
create index wanted_entry_created on wanted_entry (created_at desc, id);

-- Inspections at checkpoints and street checks by patrols: who checked what, where, when, why, and the result.
create table inspection (
    id               uuid             primary key,
    checkpoint_id    uuid             references checkpoint (id),
    kind             varchar(8)       not null,
    plate            varchar(16),
    plate_colour     varchar(8),
    id_hash          varchar(64),
    id_masked        varchar(18),
    reason           varchar(500)     not null,
    result           varchar(8)       not null check (result in ('CLEAR', 'HIT')),
    wanted_entry_id  uuid             references wanted_entry (id),
    org_code         varchar(12)      not null,
    lat              double precision,
    lon              double precision,
    checked_at       timestamptz      not null,
    checked_by       varchar(128)     not null
);

create index inspection_checkpoint_time on inspection (checkpoint_id, checked_at);
create index inspection_hits on inspection (checked_at) where result = 'HIT';
