-- Issue 15: one possible-clone alert per kind, facility and code, however often the code is
-- offered again; the repeats are counted (attempts) with the time of the last one. Before this a
-- pharmacy could fill the regulator's list by offering one sold code in a loop.
alter table alert
    add column product  int not null default 0,             -- 0: an alert kept before the product was recorded
    add column attempts int not null default 1,
    add column last_at  timestamptz;

update alert set last_at = created_at;

-- the alerts kept so far, folded into the first of each kind, facility and serial
with folded as (
    select min(id) as keep, count(*) as n, max(created_at) as last
    from alert group by kind, facility, product, serial having count(*) > 1)
update alert a set attempts = f.n, last_at = f.last from folded f where a.id = f.keep;

delete from alert a using alert b
where a.kind = b.kind and a.facility = b.facility and a.product = b.product
  and a.serial is not distinct from b.serial and a.id > b.id;

alter table alert alter column last_at set not null, alter column last_at set default now();

create unique index alert_once on alert (kind, facility, product, serial) nulls not distinct;
