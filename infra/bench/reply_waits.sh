#!/usr/bin/env bash
# What replying backends wait for: samples pg_stat_activity and pg_locks every 20 ms through a line of the replies
# scenario (by default its first, one person to one thread; or the line whose heading holds the text given, such as
# "with --event-notify transaction"), then lets the scenario finish and prints pg_stat_statements of its statements.
# Inside pg_virtualenv, with pg_stat_statements loaded:
#
#   pg_virtualenv -t -v 15 -o shared_buffers=512MB -o max_connections=200 \
#     -o shared_preload_libraries=pg_stat_statements -o pg_stat_statements.track_planning=on \
#     bash infra/bench/reply_waits.sh [heading]
set -eu
HEADING=${1:-"== (b) POST"}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=$(mktemp) SAMPLES=$(mktemp)
trap 'rm -f "$OUT" "$SAMPLES"' EXIT
bash "$ROOT/infra/bench/scenarios.sh" replies >"$OUT" 2>&1 &
runner=$!
until grep -qF -- "$HEADING" "$OUT"; do kill -0 "$runner"; sleep 0.2; done
psql -q -d pswnet_bench -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
  -c "SELECT pg_stat_statements_reset()" >/dev/null
sleep 3
for _ in $(seq 1 600); do
  echo "SELECT 'wait ' || coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, '') || ' | ' ||
    regexp_replace(left(query, 50), '\s+', ' ', 'g') FROM pg_stat_activity
    WHERE pid <> pg_backend_pid() AND state = 'active' AND backend_type = 'client backend';"
  echo "SELECT 'lock ' || l.locktype || ' ' || coalesce(l.relation::regclass::text, '') || ' ' || l.mode ||
    CASE WHEN l.granted THEN ' held' ELSE ' awaited' END || ' | ' || regexp_replace(left(a.query, 40), '\s+', ' ', 'g')
    FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE a.pid <> pg_backend_pid() AND a.backend_type = 'client backend' AND (l.locktype = 'tuple' OR NOT l.granted);"
  echo "SELECT pg_sleep(0.02);"
done | psql -At -d pswnet_bench | grep -v '^$' >"$SAMPLES"
echo "== 600 samples of the replying backends, 20 ms apart, in the line \"$HEADING\":" \
  "count, wait (CPU when none), statement"
sed -n 's/^wait //p' "$SAMPLES" | sort | uniq -c | sort -rn | head -12
echo "== the same samples' row locks (held or awaited) and locks awaited: count, lock, statement"
sed -n 's/^lock //p' "$SAMPLES" | sort | uniq -c | sort -rn | head -12
wait "$runner"
grep -E '^==|Requests/sec' "$OUT"
echo "== pg_stat_statements over the whole scenario"
psql -d pswnet_bench -c "SELECT calls, plans, round(total_plan_time::numeric / greatest(plans, 1), 3) AS ms_per_plan,
  round(mean_exec_time::numeric, 3) AS ms_per_exec, regexp_replace(left(query, 70), '\s+', ' ', 'g') AS statement
  FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 14"
dropdb pswnet_bench
