-- Video patrol: an operator's round over a list of cameras with a dwell time, per shift; views and observations.
create table patrol_tour (
    id          uuid         primary key,
    name        varchar(128) not null,
    org_code    varchar(12)  not null check (org_code ~ '^[0-9]{12}$'),
    dwell_s     integer      not null check (dwell_s between 5 and 3600),
    shift_start timestamptz  not null,
    shift_end   timestamptz  not null,
    operator    varchar(128),
    started_at  timestamptz,
    created_at  timestamptz  not null,
    created_by  varchar(128) not null,
    check (shift_end > shift_start)
);

create index patrol_tour_org on patrol_tour (org_code varchar_pattern_ops);

create table patrol_tour_camera (
    tour_id   uuid    not null references patrol_tour (id) on delete cascade,
    camera_id uuid    not null references camera (id),
    position  integer not null,
    primary key (tour_id, camera_id)
);

create table tour_view (
    id        uuid         primary key,
    tour_id   uuid         not null references patrol_tour (id),
    camera_id uuid         not null references camera (id),
    dwell_s   integer      not null check (dwell_s >= 0),
    viewed_at timestamptz  not null,
    viewed_by varchar(128) not null
);

create index tour_view_tour on tour_view (tour_id);

create table observation (
    id          uuid          primary key,
    camera_id   uuid          not null references camera (id),
    tour_id     uuid          references patrol_tour (id),
    category    varchar(64)   not null,
    description varchar(1000) not null,
    observed_at timestamptz   not null,
    observed_by varchar(128)  not null
);
