-- Issue 21: with the shards spread over nodes, a token the registry signed is checked by the node
-- of the shard a request is sent on to, so every node of a cluster must hold the same token secret
-- (LACAK_JWT_SECRET). The first cluster node records a check value of it (an HMAC of a constant
-- under the secret: it reveals nothing of it); a node with another secret does not start. To change
-- the secret, delete the row and restart every node with the new one.
create table token_secret_check (
    name        varchar(16) primary key,
    fingerprint bytea not null,
    recorded_at timestamptz not null default now()
);
