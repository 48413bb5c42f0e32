-- Cameras at video points, identified by their GB/T 28181 code. The online flag changes only on transitions;
-- the latest heartbeat lives in Redis.
create table camera (
    id                uuid         primary key,
    gb_code           varchar(20)  not null unique check (gb_code ~ '^[0-9]{20}$'),
    point_id          uuid         not null references video_point (id),
    org_code          varchar(12)  not null check (org_code ~ '^[0-9]{12}$'),
    name              varchar(128) not null,
    kind              varchar(16)  not null,
    ptz_type          varchar(16)  not null,
    stream_url        varchar(512) not null default '',
    online            boolean      not null default false,
    last_heartbeat_at timestamptz,
    created_at        timestamptz  not null,
    created_by        varchar(128) not null,
    version           bigint       not null default 0
);

create index camera_org_code_prefix on camera (org_code varchar_pattern_ops);
create index camera_point on camera (point_id);
alter table video_point add column created_by varchar(128) not null default 'migration';
