#!/usr/bin/env bash
# What replies would gain, on the database's side alone, from sharing a transaction, and from sharing statements:
# pswnet writes a few replies to one thread with every statement logged; reply_script.py turns the last into pgbench
# scripts of the same statements and arguments: one reply to a transaction, counted on the replier's write counter as
# pswnet does, and one and four to a transaction, each connection counting on a counter of its own. Then
# reply_batch_script.py makes of the first a batch of four and of eight replies written set-based, one statement of
# each kind for them all (with bench_finish_replies.sql). pgbench runs them (16 connections, threads picked at random
# among 10,000, as scenario "replies" spread), TPC-B, and wrk against pswnet as that scenario, in turn, each alone on
# the machine. Inside pg_virtualenv:
#
#   pg_virtualenv -t -v 15 -o shared_buffers=512MB -o max_connections=200 \
#     bash infra/bench/replies_per_transaction.sh [rounds, 3] [seconds a run, 15]
set -euo pipefail
ROUNDS=${1:-3} SECONDS_A_RUN=${2:-15}
DATABASE=pswnet_replies_per_transaction
PORT=18093
# shellcheck source=infra/bench/spread_replies.sh
source "$(dirname "${BASH_SOURCE[0]}")/spread_replies.sh"

replies 5s >/dev/null # the replier follows some threads, as in the scenario's steady state
LOG=$(pg_lsclusters -h | awk '{ print $7 }')
THREAD=$((${THREAD_RANGE#*-} - 17)) # an id no person, organisation or post of the capture has
psql -q -d "$DATABASE" -c "ALTER DATABASE $DATABASE SET log_min_duration_statement = 0"
serve --db-pool-size 8 # connections that log every statement
for n in 1 2 3; do
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/api/v1/threads/$THREAD/posts" \
    -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "{\"body\":\"Captured reply $n.\"}"
done
psql -q -d "$DATABASE" -c "ALTER DATABASE $DATABASE RESET log_min_duration_statement"
serve --db-pool-size 8 # as scenario "replies" runs it, idle while pgbench runs

python3 "$BENCH/reply_script.py" "$LOG" "$THREAD" 1 shared >"$WORK/one.sql"
python3 "$BENCH/reply_script.py" "$LOG" "$THREAD" 1 per-connection >"$WORK/one-own-limit.sql"
python3 "$BENCH/reply_script.py" "$LOG" "$THREAD" 4 per-connection >"$WORK/four-own-limit.sql"
python3 "$BENCH/reply_batch_script.py" "$WORK/one.sql" 4 >"$WORK/four-set-based.sql"
python3 "$BENCH/reply_batch_script.py" "$WORK/one.sql" 8 >"$WORK/eight-set-based.sql"
psql -q -d "$DATABASE" -f "$BENCH/bench_finish_replies.sql"
head -1 "$WORK/one.sql"
pgbench -q -i -s 10 "$DATABASE" >/dev/null 2>&1
FIRST=${THREAD_RANGE%-*}
run() { # label, script, replies a transaction
  printf '%-58s ' "$1"
  pgbench -n -M prepared -c 16 -j 2 -T "$SECONDS_A_RUN" -D first="$FIRST" -f "$2" "$DATABASE" 2>&1 |
    awk -v per="$3" '/^tps/ { printf "%.0f replies/s (%.0f transactions/s)\n", $3 * per, $3 } /aborted/ { print }'
}
for round in $(seq "$ROUNDS"); do
  echo "== round $round, 16 connections, $SECONDS_A_RUN s each"
  printf '%-58s ' "TPC-B"
  pgbench -n -M prepared -c 16 -j 2 -T "$SECONDS_A_RUN" -b tpcb-like "$DATABASE" 2>/dev/null |
    awk '/^tps/ { print $3 " tps" }'
  printf '%-58s ' "pswnet (wrk, as scenario \"replies\" spread)"
  replies "${SECONDS_A_RUN}s" | awk '/^Requests\/sec/ { printf "%.0f replies/s\n", $2 }'
  run "one reply a transaction, the replier's write counter" "$WORK/one.sql" 1
  run "one reply a transaction, a write counter per connection" "$WORK/one-own-limit.sql" 1
  run "four replies a transaction, a write counter per connection" "$WORK/four-own-limit.sql" 4
  run "one reply a transaction, a write counter per connection" "$WORK/one-own-limit.sql" 1
  run "four replies a transaction, set-based" "$WORK/four-set-based.sql" 4
  run "eight replies a transaction, set-based" "$WORK/eight-set-based.sql" 8
  run "one reply a transaction, the replier's write counter" "$WORK/one.sql" 1
done
