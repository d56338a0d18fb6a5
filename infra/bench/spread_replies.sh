# shellcheck shell=bash
# Sourced by reply_profile.sh, function_ab.sh and server_ab.sh, inside pg_virtualenv: a database $DATABASE of 3,000
# invented members and 10,000 threads, pswnet serving it on $PORT with the write limits raised (8 database
# connections; `serve [options]` starts it again with others), and `replies DURATION [wrk options]` to run wrk for,
# one person replying over 16 connections to threads picked at random among those in THREAD_RANGE (first-last: all
# 10,000, or only the first when THREADS is "one" rather than "spread"). Sets ROOT, BENCH, WORK (a directory removed
# on exit, with the database) and SERVER.
THREADS=${THREADS:-spread}
case $THREADS in spread | one) ;; *) echo "threads: spread or one, not $THREADS" >&2; exit 2 ;; esac
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH="$ROOT/infra/bench"
PSWNET="${PSWNET_BENCH_BIN:-$ROOT/build/release/backend/app/pswnet}"
WORK=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; dropdb --if-exists "$DATABASE"' EXIT

export PSWNET_DATABASE_URL="dbname=$DATABASE"
createdb "$DATABASE"
"$PSWNET" migrate >/dev/null
"$PSWNET" seed-demo --accounts-only >/dev/null
psql -q -d "$DATABASE" -v count=3000 -f "$BENCH/seed_members.sql" >/dev/null
psql -q -d "$DATABASE" -v count=10000 -f "$BENCH/seed_threads.sql" >/dev/null
serve() { # [serve options...]: pswnet (started again, if it runs) on $PORT with the write limits raised
  if [ -n "$SERVER" ]; then kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; fi
  rm -f "$WORK/server.out"
  "$PSWNET" serve --listen "127.0.0.1:$PORT" --log-level warn --mail-dir "$WORK/mail" \
    --write-limits thread=100000/60,post=100000/60 "$@" >"$WORK/server.out" 2>&1 &
  SERVER=$!
  until grep -q listening "$WORK/server.out" 2>/dev/null; do kill -0 "$SERVER"; sleep 0.1; done
}
serve --db-pool-size 8
TOKEN=$(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"amira.children@southampton.demo.pswnet.uk","password":"demo-password-2026"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
THREAD_RANGE=$(psql -At -d "$DATABASE" -c "SELECT min(id) || '-' || max(id) FROM threads")
if [ "$THREADS" = one ]; then THREAD_RANGE="${THREAD_RANGE%-*}-${THREAD_RANGE%-*}"; fi
export TOKEN THREAD_RANGE
replies() { wrk -t2 -c16 -d"$1" "${@:2}" -s "$BENCH/post_reply.lua" "http://127.0.0.1:$PORT"; }
