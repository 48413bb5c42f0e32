-- Incidents (警情): numbered per organisation and day.
create table incident (
    id          uuid             primary key,
    number      varchar(40)      not null unique,
    type        varchar(32)      not null,
    priority    integer          not null check (priority between 1 and 4),
    org_code    varchar(12)      not null check (org_code ~ '^[0-9]{12}$'),
    lat         double precision not null check (lat between -90 and 90),
    lon         double precision not null check (lon between -180 and 180),
    address     varchar(256)     not null,
    status      varchar(16)      not null,
    reported_at timestamptz      not null,
    version     bigint           not null default 0
);

create index incident_org_code_prefix on incident (org_code varchar_pattern_ops);
create index incident_open_by_org on incident (org_code, status) where status not in ('CLOSED', 'CANCELLED');
