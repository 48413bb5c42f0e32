-- Position history, written from the positions stream. Partitioned by time so retention drops whole partitions;
-- the default partition takes what no dated partition covers yet.
create table position_fix (
    unit_id     uuid             not null,
    recorded_at timestamptz      not null,
    org_code    varchar(12)      not null,
    lat         double precision not null,
    lon         double precision not null,
    accuracy_m  real             not null,
    speed_mps   real             not null,
    heading_deg real             not null,
    primary key (unit_id, recorded_at)
) partition by range (recorded_at);

create table position_fix_default partition of position_fix default;
