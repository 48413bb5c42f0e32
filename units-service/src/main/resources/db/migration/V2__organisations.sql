-- The organisation registry: province -> city -> district -> station. A parent's scope covers its children.
create table organisation (
    code        varchar(12)  primary key check (code ~ '^[1-9][0-9]{11}$'),
    name        varchar(128) not null,
    parent_code varchar(12)  references organisation (code),
    created_at  timestamptz  not null,
    created_by  varchar(128) not null,
    version     bigint       not null default 0,
    check (parent_code is null or parent_code <> code)
);

create index organisation_parent on organisation (parent_code);

-- Neighbouring organisations, stored in both directions.
create table organisation_neighbour (
    code           varchar(12) not null references organisation (code),
    neighbour_code varchar(12) not null references organisation (code),
    primary key (code, neighbour_code),
    check (code <> neighbour_code)
);
