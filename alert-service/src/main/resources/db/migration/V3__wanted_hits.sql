-- Wanted hits from the check hits and capture hits streams. A hit is stored once (its id is the dedup key); hits of
-- one wanted subject within the window join that subject's open WANTED_HIT incident as its trail.
create table wanted_hit (
    hit_id          varchar(80)      primary key,
    incident_id     uuid             references incident (id),
    wanted_entry_id uuid             not null,
    source          varchar(16)      not null,
    plate           varchar(16),
    lat             double precision not null,
    lon             double precision not null,
    seen_at         timestamptz      not null,
    where_seen      varchar(64)      not null default '',
    received_at     timestamptz      not null
);

create index wanted_hit_incident on wanted_hit (incident_id, seen_at);

-- The incident each wanted subject's sightings currently join.
create table wanted_subject (
    wanted_entry_id uuid        primary key,
    incident_id     uuid        not null references incident (id),
    last_seen_at    timestamptz not null
);

-- The latest interception proposal of a WANTED_HIT incident (an InterceptionProposal message).
create table interception_proposal (
    incident_id  uuid        primary key references incident (id),
    proposal     bytea       not null,
    refreshed_at timestamptz not null
);
