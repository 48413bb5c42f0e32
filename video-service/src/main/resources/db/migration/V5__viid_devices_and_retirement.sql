-- Devices allowed on the GA/T 1400 endpoints. Only the Digest HA1 (MD5 of device_id:realm:password) is kept, as
-- an htdigest file would; a session is live while keep-alives arrive within the configured timeout.
create table viid_device (
    device_id         varchar(20)  primary key check (device_id ~ '^[0-9]{20}$'),
    kind              varchar(24)  not null,
    org_code          varchar(12)  not null check (org_code ~ '^[0-9]{12}$'),
    digest_ha1        varchar(32)  not null,
    realm             varchar(64)  not null,
    registered_at     timestamptz,
    last_keepalive_at timestamptz,
    created_at        timestamptz  not null,
    created_by        varchar(128) not null,
    version           bigint       not null default 0
);

-- Points and cameras are retired rather than deleted: past captures and trajectories keep their place.
alter table camera add column retired_at timestamptz;
alter table video_point add column retired_at timestamptz;
