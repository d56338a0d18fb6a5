#!/usr/bin/env bash
# Where the CPU goes while one person replies to threads picked at random among 10,000 (16 connections): perf record
# of the whole machine for 12 s, split by program, and PostgreSQL's time in the parts of its executor a reply's
# statements go through (inclusive); then pg_stat_statements of the same 25 s, with the statements inside functions
# and the statements planned again at (nearly) every call. Inside pg_virtualenv, with pg_stat_statements loaded;
# needs perf (linux-perf) and, for perf to see every process, root:
#
#   pg_virtualenv -t -v 15 -o shared_buffers=512MB -o max_connections=200 \
#     -o shared_preload_libraries=pg_stat_statements -o pg_stat_statements.track=all \
#     -o pg_stat_statements.track_planning=on bash infra/bench/reply_profile.sh
set -eu
DATABASE=pswnet_profile
PORT=18091
# shellcheck source=infra/bench/spread_replies.sh
source "$(dirname "${BASH_SOURCE[0]}")/spread_replies.sh"
psql -q -d "$DATABASE" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"

replies 8s >/dev/null # warm: plans kept, caches filled
psql -q -d "$DATABASE" -c "SELECT pg_stat_statements_reset()" >/dev/null
replies 25s >"$WORK/wrk.txt" &
load=$!
sleep 5 # into the steady state before recording
perf record -a -g -F 499 -o "$WORK/perf.data" -- sleep 12 >/dev/null 2>&1
wait "$load"
rate=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
echo "== replies spread over 10,000 threads, one person, 16 connections, 25 s: $rate/s"
echo "== CPU samples by program"
perf report -i "$WORK/perf.data" --no-children --sort comm -g none --percent-limit 1 --stdio 2>/dev/null | grep '%'
echo "== PostgreSQL, inclusive, as shares of all samples"
parts="PortalRun|plpgsql_exec_function|standard_ExecutorStart|GetCachedPlan|pg_plan_queries|ExecInsertIndexTuples"
parts+="|gininsert|AfterTriggerEndQuery|ExecConstraints|jsonb_in|XLogInsert|XLogFlush|LockAcquireExtended|secure_read"
perf report -i "$WORK/perf.data" --children --comm postgres --sort sym -g none --stdio 2>/dev/null |
  grep -E "\] ($parts)\$"
echo "== pg_stat_statements of the 25 s: the costliest"
psql -d "$DATABASE" -c "SELECT calls, plans, round(mean_exec_time::numeric, 3) AS ms_per_exec, toplevel,
  regexp_replace(left(query, 70), '\s+', ' ', 'g') AS statement FROM pg_stat_statements
  ORDER BY total_exec_time DESC LIMIT 10"
echo "== planned again at nine calls in ten or more"
psql -d "$DATABASE" -c "SELECT calls, plans, round(mean_plan_time::numeric, 3) AS ms_per_plan,
  regexp_replace(left(query, 90), '\s+', ' ', 'g') AS statement FROM pg_stat_statements
  WHERE calls > 100 AND plans * 10 >= calls * 9 ORDER BY plans DESC"
