-- Transactional outbox: events recorded in the same transaction as the state change they describe. The relay
-- appends them to their Redis stream and deletes them; Redis assigns the stream ids at append time.
create table outbox_event (
    seq         bigserial    primary key,
    event_id    uuid         not null unique,
    stream      varchar(128) not null,
    payload     bytea        not null,
    recorded_at timestamptz  not null
);
