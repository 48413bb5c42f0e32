-- The unit lifecycle replaces the plain duty flag.
alter table unit rename column duty_state to status;
update unit set status = 'AVAILABLE' where status = 'ON_DUTY';
alter table unit
    add column home_zone_id      uuid references zone (id) on delete set null,
    add column incident_id       uuid,
    add column incident_priority integer  check (incident_priority between 1 and 4),
    add column status_changed_at timestamptz,
    add column terminal_hints    varchar(600) not null default '';
update unit set status_changed_at = created_at;
alter table unit alter column status_changed_at set not null;
-- A unit is on an incident exactly while its status says so.
alter table unit add constraint unit_incident_follows_status
    check ((status in ('DISPATCHED', 'EN_ROUTE', 'ON_SCENE')) = (incident_id is not null and incident_priority is not null));

create index unit_home_zone on unit (home_zone_id);

-- Terminals bound to units. Only the SHA-256 (hex) of the secret id is stored; the last four characters help people tell them apart.
create table unit_terminal (
    terminal_hash varchar(64) primary key,
    unit_id       uuid        not null references unit (id),
    hint          varchar(4)  not null,
    bound_at      timestamptz not null
);

create index unit_terminal_unit on unit_terminal (unit_id);

-- Every status change, for the duty record and response-time analysis.
create table unit_status_change (
    id          uuid         primary key,
    unit_id     uuid         not null references unit (id),
    from_status varchar(16)  not null,
    to_status   varchar(16)  not null,
    incident_id uuid,
    changed_at  timestamptz  not null,
    changed_by  varchar(128) not null,
    reason      varchar(500) not null default ''
);

create index unit_status_change_unit on unit_status_change (unit_id, changed_at desc);

-- Crews: which users are on which unit for a shift.
create table crew_member (
    id          uuid         primary key,
    unit_id     uuid         not null references unit (id),
    subject     varchar(128) not null,
    shift_start timestamptz  not null,
    shift_end   timestamptz  not null,
    assigned_at timestamptz  not null,
    assigned_by varchar(128) not null,
    check (shift_end > shift_start)
);

create index crew_member_subject on crew_member (subject, shift_end);
create index crew_member_unit on crew_member (unit_id, shift_end);
