#!/usr/bin/env bash
# What replying backends wait for: samples pg_stat_activity every 20 ms through the replies scenario's first line (one
# person, one thread), then lets the scenario finish and prints pg_stat_statements of its statements. Inside
# pg_virtualenv, with pg_stat_statements loaded:
#
#   pg_virtualenv -t -v 15 -o shared_buffers=512MB -o max_connections=200 \
#     -o shared_preload_libraries=pg_stat_statements -o pg_stat_statements.track_planning=on \
#     bash infra/bench/reply_waits.sh
set -eu
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
bash "$ROOT/infra/bench/scenarios.sh" replies >"$OUT" 2>&1 &
runner=$!
until grep -q "== (b) POST" "$OUT"; do kill -0 "$runner"; sleep 0.2; done
psql -q -d pswnet_bench -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
  -c "SELECT pg_stat_statements_reset()" >/dev/null
sleep 3
echo "== samples of the replying backends, 12 s: count, wait (CPU when none), statement"
for _ in $(seq 1 600); do
  echo "SELECT coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, '') || ' | ' ||
    regexp_replace(left(query, 50), '\s+', ' ', 'g') FROM pg_stat_activity
    WHERE pid <> pg_backend_pid() AND state = 'active' AND backend_type = 'client backend';"
  echo "SELECT pg_sleep(0.02);"
done | psql -At -d pswnet_bench | grep -v '^$' | sort | uniq -c | sort -rn | head -12
wait "$runner"
grep -E '^==|Requests/sec' "$OUT"
echo "== pg_stat_statements over the whole scenario"
psql -d pswnet_bench -c "SELECT calls, plans, round(total_plan_time::numeric / greatest(plans, 1), 3) AS ms_per_plan,
  round(mean_exec_time::numeric, 3) AS ms_per_exec, regexp_replace(left(query, 70), '\s+', ' ', 'g') AS statement
  FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 14"
dropdb pswnet_bench
