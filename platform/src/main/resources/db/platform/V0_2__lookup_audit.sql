-- Who looked up sensitive records, and why (platform LookupAudit).
create table lookup_audit (
    id        uuid         primary key,
    what      varchar(64)  not null,
    subject   varchar(128) not null,
    reason    varchar(500) not null,
    looked_at timestamptz  not null
);
