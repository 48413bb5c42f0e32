-- Patrol zones: a polygon (WKT, WGS-84) with its bounding box for the "which zone holds this point" prefilter.
create table zone (
    id               uuid             primary key,
    name             varchar(128)     not null,
    org_code         varchar(12)      not null check (org_code ~ '^[0-9]{12}$'),
    polygon_wkt      text             not null,
    min_lat          double precision not null,
    max_lat          double precision not null,
    min_lon          double precision not null,
    max_lon          double precision not null,
    patrol_level     integer          not null check (patrol_level between 1 and 4),
    level_changed_at timestamptz      not null,
    level_changed_by varchar(128)     not null,
    created_at       timestamptz      not null,
    created_by       varchar(128)     not null,
    version          bigint           not null default 0,
    constraint zone_name_per_org unique (org_code, name)
);

create index zone_org_code_prefix on zone (org_code varchar_pattern_ops);
create index zone_bbox on zone (min_lat, max_lat);

-- Every level change, who made it and why; newest read first.
create table zone_level_change (
    id         uuid         primary key,
    zone_id    uuid         not null references zone (id) on delete cascade,
    from_level integer      not null,
    to_level   integer      not null,
    changed_by varchar(128) not null,
    changed_at timestamptz  not null,
    reason     varchar(500) not null
);

create index zone_level_change_zone on zone_level_change (zone_id, changed_at desc);

-- Key sites: a point and radius with the response targets of the 1-3-5 standard.
create table key_site (
    id               uuid             primary key,
    name             varchar(128)     not null,
    category         varchar(24)      not null,
    org_code         varchar(12)      not null check (org_code ~ '^[0-9]{12}$'),
    lat              double precision not null check (lat between -90 and 90),
    lon              double precision not null check (lon between -180 and 180),
    radius_m         double precision not null check (radius_m > 0),
    react_target_s   integer          not null check (react_target_s > 0),
    arrive_target_s  integer          not null check (arrive_target_s > 0),
    resolve_target_s integer          not null check (resolve_target_s > 0),
    created_at       timestamptz      not null,
    created_by       varchar(128)     not null,
    version          bigint           not null default 0
);

create index key_site_org_code_prefix on key_site (org_code varchar_pattern_ops);
create index key_site_lat on key_site (lat);

create table key_site_unit (
    key_site_id uuid not null references key_site (id) on delete cascade,
    unit_id     uuid not null references unit (id),
    primary key (key_site_id, unit_id)
);
