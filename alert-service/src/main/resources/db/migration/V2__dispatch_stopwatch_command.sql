-- Intake, dispatch and the 1-3-5 stopwatch. The clocks stop at the first acknowledgement, the first arrival and
-- the resolution; a breach is recorded once per incident and clock.
alter table incident
    add column source           varchar(16)   not null default 'CALL_110',
    add column description      varchar(1000) not null default '',
    add column key_site_id      uuid,
    add column key_site_name    varchar(128),
    add column zone_id          uuid,
    add column react_target_s   integer       not null default 60,
    add column arrive_target_s  integer       not null default 180,
    add column resolve_target_s integer       not null default 300,
    add column reacted_at       timestamptz,
    add column arrived_at       timestamptz,
    add column resolved_at      timestamptz,
    add column closed_at        timestamptz,
    add column major            boolean       not null default false,
    add column cordon_plan_id   uuid,
    add column cordon_activated boolean       not null default false,
    add column idempotency_key  varchar(240),
    add column reported_by      varchar(160)  not null default 'migration';

create unique index incident_idempotency_key on incident (idempotency_key) where idempotency_key is not null;
create index incident_reported_at on incident (reported_at desc, id desc);

-- The last number given per organisation and local day.
create table incident_number (
    org_code varchar(12) not null,
    day      date        not null,
    last     integer     not null,
    primary key (org_code, day)
);

create table incident_assignment (
    incident_id     uuid        not null references incident (id),
    unit_id         uuid        not null,
    call_sign       varchar(32) not null,
    force_type      varchar(24) not null,
    state           varchar(24) not null,
    dispatched_at   timestamptz not null,
    dispatched_by   varchar(160) not null,
    delivered_at    timestamptz,
    acknowledged_at timestamptz,
    arrived_at      timestamptz,
    released_at     timestamptz,
    version         bigint      not null default 0,
    primary key (incident_id, unit_id)
);

create index incident_assignment_open_unit on incident_assignment (unit_id) where released_at is null;

-- Append-only: rows are inserted, never changed.
create table incident_timeline (
    id          bigint generated always as identity primary key,
    incident_id uuid          not null references incident (id),
    at          timestamptz   not null,
    actor       varchar(160)  not null,
    what        varchar(32)   not null,
    detail      varchar(1000) not null default ''
);

create index incident_timeline_incident on incident_timeline (incident_id, id);

create table incident_breach (
    incident_id uuid        not null references incident (id),
    clock       varchar(8)  not null,
    breached_at timestamptz not null,
    primary key (incident_id, clock)
);

-- Command mode per organisation (its subtree follows it unless a deeper organisation switched itself).
create table command_mode (
    org_code    varchar(12)  primary key check (org_code ~ '^[0-9]{12}$'),
    mode        varchar(16)  not null,
    switched_by varchar(160) not null,
    switched_at timestamptz  not null,
    reason      varchar(500) not null
);

create table command_mode_history (
    id          bigint generated always as identity primary key,
    org_code    varchar(12)  not null,
    mode        varchar(16)  not null,
    switched_by varchar(160) not null,
    switched_at timestamptz  not null,
    reason      varchar(500) not null
);
