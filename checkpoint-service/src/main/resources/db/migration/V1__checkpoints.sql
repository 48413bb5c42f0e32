-- Checkpoints: the line layer. Codes are unique province-wide.
create table checkpoint (
    id         uuid             primary key,
    code       varchar(32)      not null unique,
    name       varchar(128)     not null,
    type       varchar(24)      not null,
    org_code   varchar(12)      not null check (org_code ~ '^[0-9]{12}$'),
    lat        double precision not null check (lat between -90 and 90),
    lon        double precision not null check (lon between -180 and 180),
    state      varchar(16)      not null,
    created_at timestamptz      not null,
    version    bigint           not null default 0
);

create index checkpoint_org_code_prefix on checkpoint (org_code varchar_pattern_ops);
