-- Video points (监控点位), identified by their GB/T 28181 20-digit code.
create table video_point (
    id            uuid             primary key,
    gb_code       varchar(20)      not null unique check (gb_code ~ '^[0-9]{20}$'),
    name          varchar(128)     not null,
    org_code      varchar(12)      not null check (org_code ~ '^[0-9]{12}$'),
    lat           double precision not null check (lat between -90 and 90),
    lon           double precision not null check (lon between -180 and 180),
    position_type integer          not null check (position_type between 1 and 10),
    created_at    timestamptz      not null,
    version       bigint           not null default 0
);

create index video_point_org_code_prefix on video_point (org_code varchar_pattern_ops);
