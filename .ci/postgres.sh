#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, from the Debian packages (/usr/lib/postgresql/*/bin).
#
#   . .ci/postgres.sh && pg_test_start && trap pg_test_stop EXIT   # exports TIELINE_TEST_PG
#   .ci/postgres.sh start     # prints `export TIELINE_TEST_PG=...; export TIELINE_PG_DIR=...`
#                             # (the server belongs to the calling shell, or to $TIELINE_PG_OWNER)
#   .ci/postgres.sh stop DIR  # stops the server whose data directory is DIR and removes DIR
#
# The cluster lives in a fresh temporary directory, listens only on 127.0.0.1 on a free port, uses
# trust authentication (local test use only) and the C locale. As root, initdb and pg_ctl run as the
# `postgres` user. Leftovers of earlier runs are cleared first (directories of dead servers; servers
# whose run was killed before it could stop them), so a second run on the same machine starts cleanly.

_pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "postgres.sh: no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)" >&2
    return 1
  fi
  echo "$dir"
}

_pg_as_owner() {  # run a command as the cluster's owner: `postgres` when we are root, else ourselves
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

_pg_free_port() {  # one the kernel hands out; without Python, a random one (a clash makes us retry)
  local py
  py=$(command -v python3 || command -v python3.11 || true)
  if [ -n "$py" ]; then
    "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  else
    echo $((20000 + RANDOM % 40000))
  fi
}

_pg_clean_stale() {  # what earlier runs left: dead servers' directories, servers whose run is gone
  local d pid owner bin
  bin=$1
  for d in "${TMPDIR:-/tmp}"/tieline-pg.*; do
    [ -d "$d" ] || continue
    pid=$(head -n 1 "$d/data/postmaster.pid" 2>/dev/null || true)
    owner=$(cat "$d/owner.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      if [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null; then
        continue  # another run's live server: leave it alone
      fi
      _pg_as_owner "$bin/pg_ctl" -D "$d/data" -m immediate -w stop >/dev/null 2>&1 || continue
    fi
    rm -rf "$d"
  done
}

pg_test_start() {
  local bin dir port try log
  bin=$(_pg_bin) || return 1
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "postgres.sh: running as root but there is no 'postgres' user to own the cluster" >&2
    return 1
  fi
  _pg_clean_stale "$bin"
  dir=$(mktemp -d "${TMPDIR:-/tmp}/tieline-pg.XXXXXX")
  chmod 755 "$dir"
  echo "${TIELINE_PG_OWNER:-$$}" >"$dir/owner.pid"  # the run it belongs to: stopped once that is gone
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
  fi
  log="$dir/server.log"
  if ! _pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C \
      --no-sync >"$dir/initdb.log" 2>&1; then
    echo "postgres.sh: initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    return 1
  fi
  for try in 1 2 3 4 5; do  # a free port can be taken between choosing and binding it: try again
    port=$(_pg_free_port)
    if _pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        >/dev/null 2>&1; then
      break
    fi
    port=""
  done
  if [ -z "$port" ]; then
    echo "postgres.sh: the server did not start; its log ($log):" >&2
    tail -n 20 "$log" >&2
    return 1
  fi
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres tieline_test
  export TIELINE_PG_DIR="$dir"
  export TIELINE_TEST_PG="postgresql://postgres@127.0.0.1:$port/tieline_test"
  echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $TIELINE_TEST_PG (data in $dir)" >&2
}

pg_test_stop() {
  local dir=${1:-${TIELINE_PG_DIR:-}} bin
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  bin=$(_pg_bin) || return 0
  _pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then  # executed, not sourced
  set -euo pipefail
  case "${1:-}" in
    start)
      TIELINE_PG_OWNER=${TIELINE_PG_OWNER:-$PPID} pg_test_start
      echo "export TIELINE_TEST_PG=$TIELINE_TEST_PG; export TIELINE_PG_DIR=$TIELINE_PG_DIR"
      ;;
    stop)
      pg_test_stop "${2:-}"
      ;;
    *)
      echo "usage: $0 start | stop DIR   (or source it and call pg_test_start / pg_test_stop)" >&2
      exit 2
      ;;
  esac
fi
