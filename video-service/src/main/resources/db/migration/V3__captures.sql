-- Plate captures: high volume, partitioned by pass time (daily partitions are added by maintenance; the default
-- partition takes the rest). A partitioned table's unique index must include the partition key, so a capture id is
-- deduplicated through capture_id_seen instead.
create table capture (
    capture_id     varchar(64)      not null,
    camera_id      uuid             not null,
    plate          varchar(16),
    plate_colour   varchar(8),
    pass_time      timestamptz      not null,
    lane           integer          not null,
    direction_deg  real             not null,
    speed_kmh      real             not null,
    vehicle_class  varchar(32)      not null,
    vehicle_colour varchar(16)      not null,
    image_urls     text             not null,
    org_code       varchar(12)      not null,
    received_at    timestamptz      not null
) partition by range (pass_time);

create table capture_default partition of capture default;
create index capture_plate_time on capture (plate, pass_time);

-- Every capture id ever stored, once; kept as long as the captures.
create table capture_id_seen (
    capture_id varchar(64) primary key,
    pass_time  timestamptz not null
);

create index capture_id_seen_time on capture_id_seen (pass_time);
