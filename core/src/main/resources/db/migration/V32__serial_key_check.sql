-- Issue 21: every node of a cluster must hold the serial keys the codes were issued under (a node
-- that made its own would, once it writes, call every issued code self-issued, Pasal 5(1)). The
-- first node to start records a check value of each key version (an HMAC of a constant under the
-- key: it reveals nothing of the key); a node whose key of a recorded version differs does not start.
create table serial_key_check (
    version     int primary key,
    fingerprint bytea not null,
    recorded_at timestamptz not null default now()
);
