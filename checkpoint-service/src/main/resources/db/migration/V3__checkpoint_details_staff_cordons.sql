-- A mobile checkpoint has no fixed place: its unit's live position is its location.
alter table checkpoint
    alter column lat drop not null,
    alter column lon drop not null,
    add column lanes              integer      not null default 1 check (lanes >= 0),
    add column staffed_head_count integer      not null default 0 check (staffed_head_count >= 0),
    add column unit_id            uuid,
    -- The state to return to when the last active cordon holding the checkpoint is lifted.
    add column state_before_cordon varchar(16),
    add column created_by         varchar(128) not null default 'migration',
    add constraint checkpoint_mobile_has_unit check ((type = 'MOBILE_CHECKPOINT') = (unit_id is not null)),
    add constraint checkpoint_fixed_has_location check (type = 'MOBILE_CHECKPOINT' or (lat is not null and lon is not null));

create table checkpoint_ring (
    checkpoint_id uuid        not null references checkpoint (id) on delete cascade,
    ring          varchar(64) not null,
    primary key (checkpoint_id, ring)
);

create index checkpoint_ring_ring on checkpoint_ring (ring);

-- Who works which checkpoint this shift.
create table checkpoint_staff (
    id            uuid         primary key,
    checkpoint_id uuid         not null references checkpoint (id),
    subject       varchar(128) not null,
    shift_start   timestamptz  not null,
    shift_end     timestamptz  not null,
    assigned_at   timestamptz  not null,
    assigned_by   varchar(128) not null,
    check (shift_end > shift_start)
);

create index checkpoint_staff_subject on checkpoint_staff (subject, shift_end);

-- Cordon plans: members listed and/or whole rings, resolved when the plan is activated.
create table cordon_plan (
    id               uuid         primary key,
    name             varchar(128) not null,
    org_code         varchar(12)  not null,
    confirm_within_s integer      not null check (confirm_within_s > 0),
    created_at       timestamptz  not null,
    created_by       varchar(128) not null,
    version          bigint       not null default 0
);

create table cordon_plan_checkpoint (
    plan_id       uuid not null references cordon_plan (id) on delete cascade,
    checkpoint_id uuid not null references checkpoint (id),
    primary key (plan_id, checkpoint_id)
);

create table cordon_plan_ring (
    plan_id uuid        not null references cordon_plan (id) on delete cascade,
    ring    varchar(64) not null,
    primary key (plan_id, ring)
);

-- One activation of a plan; at most one active per plan.
create table cordon_activation (
    id             uuid         primary key,
    plan_id        uuid         not null references cordon_plan (id),
    activated_at   timestamptz  not null,
    activated_by   varchar(128) not null,
    reason         varchar(500) not null,
    incident_id    uuid,
    deactivated_at timestamptz,
    deactivated_by varchar(128),
    deactivate_reason varchar(500)
);

create unique index cordon_activation_one_active on cordon_activation (plan_id) where deactivated_at is null;

create table cordon_member (
    activation_id uuid         not null references cordon_activation (id),
    checkpoint_id uuid         not null references checkpoint (id),
    confirmed_at  timestamptz,
    confirmed_by  varchar(128),
    escalated_at  timestamptz,
    primary key (activation_id, checkpoint_id)
);

create index cordon_member_checkpoint on cordon_member (checkpoint_id);
