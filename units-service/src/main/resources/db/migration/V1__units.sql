-- Units: what a dispatcher sends. Call signs are unique within their organisation.
create table unit (
    id            uuid         primary key,
    call_sign     varchar(32)  not null,
    org_code      varchar(12)  not null check (org_code ~ '^[0-9]{12}$'),
    force_type    varchar(24)  not null,
    tier          varchar(16)  not null,
    head_count    integer      not null check (head_count >= 1),
    armed_count   integer      not null check (armed_count >= 0 and armed_count <= head_count),
    vehicle_plate varchar(16),
    duty_state    varchar(16)  not null,
    created_at    timestamptz  not null,
    created_by    varchar(128) not null,
    version       bigint       not null default 0,
    constraint unit_call_sign_per_org unique (org_code, call_sign)
);

-- Scope queries select an organisation subtree by code prefix.
create index unit_org_code_prefix on unit (org_code varchar_pattern_ops);
