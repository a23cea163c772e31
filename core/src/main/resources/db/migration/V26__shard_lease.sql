-- Issue 21: who writes each shard. A node holds a shard while expires_at (the database's clock)
-- is ahead; it renews in every journal commit and in between, and a node that takes an expired
-- lease raises the epoch, so the node it replaced can never commit to that shard again. Nodes
-- without LACAK_NODE (one node, the default) neither take nor need a lease.
create table shard_lease (
    shard       int primary key,
    node        text not null,
    address     text not null,          -- where the other nodes reach the owner
    epoch       bigint not null,
    expires_at  timestamptz not null
);
