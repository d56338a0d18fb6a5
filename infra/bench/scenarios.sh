#!/usr/bin/env bash
# The benchmark scenarios; run by infra/bench/run inside pg_virtualenv (the PG* variables name the cluster).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH="$ROOT/infra/bench"
PSWNET="${PSWNET_BENCH_BIN:-$ROOT/build/release/backend/app/pswnet}" # another build to compare with
PORT=18090
BASE="http://127.0.0.1:$PORT"
SCENARIOS=("$@")
[ $# -gt 0 ] || SCENARIOS=(list replies followers busy fanout idle scale)
ulimit -n "$(ulimit -Hn)" # 10,000 sockets in each of two processes

export PSWNET_DATABASE_URL="dbname=pswnet_bench"
createdb pswnet_bench
"$PSWNET" migrate >/dev/null
"$PSWNET" seed-demo --accounts-only >/dev/null

seed() { psql -q -d pswnet_bench -v count="$1" -f "$BENCH/seed_threads.sql" >/dev/null; }
threads() { psql -At -d pswnet_bench -c "SELECT count(*) FROM threads"; }

SERVER=
start_server() { # extra pswnet serve flags
  if [ -n "$SERVER" ]; then kill "$SERVER"; wait "$SERVER" || true; fi
  # The built-in per-person write limits would refuse a benchmark's replies.
  "$PSWNET" serve --listen "127.0.0.1:$PORT" --log-level warn --db-pool-size 8 \
    --write-limits thread=100000/60,post=100000/60 "$@" \
    >/tmp/pswnet-bench.out 2>/tmp/pswnet-bench.err &
  SERVER=$!
  until grep -q listening /tmp/pswnet-bench.out 2>/dev/null; do kill -0 "$SERVER"; sleep 0.1; done
}
start_server
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT

TOKEN=$(curl -s -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"amira.children@southampton.demo.pswnet.uk","password":"demo-password-2026"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
export TOKEN
THREAD_ID=$(curl -s -X POST "$BASE/api/v1/threads" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"title":"Benchmark thread","body":"Replies land here.","sector":"children","kind":"discussion"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
export THREAD_ID
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$SERVER/status"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); pswnet release, PostgreSQL 15 on the same machine"
for scenario in "${SCENARIOS[@]}"; do
  case "$scenario" in
  list)
    seed 50000
    echo "== (a) GET /api/v1/threads?limit=20, bearer token, 50 connections, $(threads) threads"
    wrk -t2 -c50 -d20s --latency -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/threads?limit=20"
    ;;
  replies)
    echo "== (b) POST /api/v1/threads/$THREAD_ID/posts for 20 s, 16 connections"
    wrk -t2 -c16 -d20s --latency -s "$BENCH/post_reply.lua" "$BASE"
    for mode in transaction poll; do
      echo "== (b) the same with --event-notify $mode (the default is batched)"
      start_server --event-notify "$mode"
      wrk -t2 -c16 -d20s --latency -s "$BENCH/post_reply.lua" "$BASE"
    done
    start_server
    ;;
  followers)
    followed=$(curl -s -X POST "$BASE/api/v1/threads" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
      -d '{"title":"A thread many follow","body":"Every reply tells its followers.","sector":"children","kind":"discussion"}' |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    psql -q -d pswnet_bench -v count=1000 -v thread="$followed" -f "$BENCH/seed_followers.sql"
    echo "== (f) POST /api/v1/threads/$followed/posts, a thread 1,000 people follow (each reply notifies them all), 4 connections, 20 s"
    THREAD_ID=$followed wrk -t2 -c4 -d20s --latency -s "$BENCH/post_reply.lua" "$BASE"
    ;;
  busy)
    have=$(threads)
    [ "$have" -lt 50000 ] && seed $((50000 - have))
    list_buffers() {
      psql -At -d pswnet_bench -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)
        SELECT id FROM threads ORDER BY last_activity_at DESC, id DESC LIMIT 21" | grep -m1 Buffers
    }
    replies() { psql -At -d pswnet_bench -c "SELECT reply_count FROM threads WHERE id = $THREAD_ID"; }
    echo "== (g) GET /api/v1/threads?limit=20, 50 connections, 20 s, $(threads) threads, before and after 100,000 replies to one thread"
    echo "   before: the list's first page reads $(list_buffers)"
    wrk -t2 -c50 -d20s --latency -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/threads?limit=20" | grep -E "50%|99%|Requests/sec"
    while [ "$(replies)" -lt 100000 ]; do
      wrk -t2 -c16 -d30s -s "$BENCH/post_reply.lua" "$BASE" | grep -E "Requests/sec"
    done
    echo "   after $(replies) replies: the list's first page reads $(list_buffers)"
    psql -At -d pswnet_bench -c "SELECT 'threads: ' || n_tup_upd || ' updates, ' || n_tup_hot_upd || ' HOT, ' || n_dead_tup
      || ' dead rows, last autovacuum ' || coalesce(last_autovacuum::text, 'never') FROM pg_stat_user_tables WHERE relname = 'threads'"
    wrk -t2 -c50 -d20s --latency -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/threads?limit=20" | grep -E "50%|99%|Requests/sec"
    ;;
  fanout)
    echo "== (c) one reply delivered to 1000 WebSocket subscribers of the thread"
    node "$BENCH/ws_fanout.mjs" "$BASE" "$TOKEN" "$THREAD_ID" 1000
    ;;
  idle)
    echo "== (d) memory of 10,000 idle WebSockets"
    before=$(rss_kib)
    coproc IDLE { node "$BENCH/ws_idle.mjs" "$BASE" "$TOKEN" 10000; }
    read -r ready <&"${IDLE[0]}"
    after=$(rss_kib)
    echo "$ready; pswnet RSS before: $((before / 1024)) MiB, with the sockets open: $((after / 1024)) MiB, difference: $(((after - before) / 1024)) MiB"
    exec {IDLE[1]}>&-
    wait $IDLE_PID || true
    ;;
  scale)
    for target in 10000 1000000; do
      have=$(threads)
      [ "$have" -lt "$target" ] && seed $((target - have))
      echo "== (e) GET /api/v1/threads?limit=20 with $(threads) threads, 10 connections, 10 s"
      wrk -t2 -c10 -d10s --latency -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/threads?limit=20" | grep -E "Latency|50%|99%|Requests/sec"
      echo "   second page:"
      cursor=$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/threads?limit=20" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next_cursor"])')
      wrk -t2 -c10 -d10s --latency -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/threads?limit=20&cursor=$cursor" | grep -E "50%|99%|Requests/sec"
    done
    ;;
  *) echo "unknown scenario $scenario" >&2; exit 2 ;;
  esac
done
