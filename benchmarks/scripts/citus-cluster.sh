#!/usr/bin/env bash
# A Citus cluster on loopback for the scale-out measurements (issue 21): a coordinator and two
# workers (Debian's Postgres 15 with the Citus extension, ../shared/citus/install.sh), each in
# DIR/<port>, started as ../shared/citus/smoke.sh does.
#   citus-cluster.sh start DIR [BASEPORT]   creates DIR (must not exist), prints the LACAK_PG_URL
#   citus-cluster.sh stop DIR               stops the three servers (immediate) and removes DIR
# Postgres refuses root: as root, its servers run as the postgres user. Ports BASEPORT..+2 (54340).
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
cmd=${1:?usage: citus-cluster.sh start|stop DIR [BASEPORT]}
dir=${2:?usage: citus-cluster.sh start|stop DIR [BASEPORT]}
as=""; if [ "$(id -u)" -eq 0 ]; then as="runuser -u postgres --"; fi
case "$cmd" in
start)
  base=${3:-54340}
  [ -e "$dir" ] && { echo "$dir exists" >&2; exit 1; }
  [ -e /usr/lib/postgresql/15/lib/citus.so ] || { echo "Citus missing: run ../shared/citus/install.sh" >&2; exit 1; }
  mkdir -p "$dir"; chmod 755 "$dir"; [ -n "$as" ] && chown postgres "$dir"
  ports="$base $((base + 1)) $((base + 2))"; echo "$ports" > "$dir/ports"
  for p in $ports; do
    $as "$PGBIN/initdb" -D "$dir/$p" -U postgres -A trust >/dev/null
    printf "\nshared_preload_libraries = 'citus'\nmax_connections = 200\nfsync = on\n" >> "$dir/$p/postgresql.conf"
    $as "$PGBIN/pg_ctl" -D "$dir/$p" -o "-p $p -k $dir -c listen_addresses=127.0.0.1" -l "$dir/$p.log" -w start >/dev/null
    $as "$PGBIN/psql" -h 127.0.0.1 -p "$p" -U postgres -qc "create extension citus" >/dev/null
  done
  q() { $as "$PGBIN/psql" -h 127.0.0.1 -p "$base" -U postgres -qAtc "$1"; }
  q "select citus_set_coordinator_host('127.0.0.1', $base)" >/dev/null
  q "select citus_add_node('127.0.0.1', $((base + 1)))" >/dev/null
  q "select citus_add_node('127.0.0.1', $((base + 2)))" >/dev/null
  echo "postgresql://postgres@127.0.0.1:$base/postgres"
  ;;
stop)
  [ -f "$dir/ports" ] || { echo "$dir holds no cluster" >&2; exit 1; }
  for p in $(cat "$dir/ports"); do $as "$PGBIN/pg_ctl" -D "$dir/$p" -m immediate stop >/dev/null 2>&1 || true; done
  rm -rf "$dir"
  ;;
*) echo "usage: citus-cluster.sh start|stop DIR [BASEPORT]" >&2; exit 2 ;;
esac
