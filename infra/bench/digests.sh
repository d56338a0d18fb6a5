#!/usr/bin/env bash
# Run by infra/bench/digests inside pg_virtualenv (the PG* variables name the cluster). $1: how many people.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PSWNET="$ROOT/build/release/backend/app/pswnet"
PEOPLE=${1:-10000}
export PSWNET_DATABASE_URL="dbname=pswnet_digests"
createdb pswnet_digests
"$PSWNET" migrate >/dev/null
"$PSWNET" seed-demo --accounts-only >/dev/null

# People of one authority, each following a thread, choosing daily summaries of replies at midnight, with three
# replies to tell them about.
psql -q -d pswnet_digests -v people="$PEOPLE" <<'SQL'
INSERT INTO users (email, display_name, password_hash, organisation_id, sector, roles)
SELECT 'bench' || g || '@example.test', 'Bench Person ' || g, 'not-a-hash',
       (SELECT id FROM organisations WHERE kind = 'local_authority' ORDER BY id LIMIT 1), 'children', '{member}'
FROM generate_series(1, :people) g;
INSERT INTO notification_settings (user_id, kind, delivery)
SELECT id, 'reply', 'daily' FROM users WHERE email LIKE 'bench%@example.test';
INSERT INTO digest_schedules (user_id, hour, weekday)
SELECT id, 0, 1 FROM users WHERE email LIKE 'bench%@example.test';
INSERT INTO notifications (user_id, kind, subject_type, subject_id, subject_title, subject_link, post_id, actor_id)
SELECT u.id, 'reply', 'thread', r, 'How do you run group supervision? ' || r, '/discussions/' || r || '#post-' || r, r,
       (SELECT min(id) FROM users)
FROM users u, generate_series(1, 3) r WHERE u.email LIKE 'bench%@example.test';
SQL
AT=$(psql -At -d pswnet_digests -c \
  "SELECT rfc3339((date_trunc('day', now() AT TIME ZONE 'Europe/London') + interval '1 day 30 minutes') AT TIME ZONE 'Europe/London')")

measure() { # label, command...: elapsed seconds and peak RSS
  local label=$1
  shift
  /usr/bin/time -f "$label: %e s elapsed, %M KiB peak RSS, %P CPU" "$@"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); pswnet release, PostgreSQL 15 on the same machine"
echo "== pgbench, select-only, 2 clients, 10 s (the database's own rate on this machine now)"
createdb pgbench_ref
pgbench -i -q -s 10 pgbench_ref >/dev/null 2>&1
pgbench -n -S -c 2 -j 2 -T 10 pgbench_ref 2>/dev/null | grep -E "^tps"

echo "== render $PEOPLE daily digests into the outbox, as of $AT"
measure "digests run" "$PSWNET" digests run --at "$AT"

SINK_OUT=$(mktemp)
node "$ROOT/infra/bench/smtp_sink.mjs" >"$SINK_OUT" &
SINK=$!
trap 'kill $SINK 2>/dev/null || true' EXIT
until grep -q '^listening' "$SINK_OUT"; do kill -0 "$SINK"; sleep 0.1; done
SMTP_PORT=$(awk '/^listening/ {print $2}' "$SINK_OUT")

echo "== send them to a local SMTP sink (the sender keeps its SMTP session between messages)"
measure "mail send" "$PSWNET" mail send --smtp-url "smtp://127.0.0.1:$SMTP_PORT" --log-level warn
kill -USR2 "$SINK"
until grep -q '^received' "$SINK_OUT"; do sleep 0.1; done
grep '^received' "$SINK_OUT"
psql -At -d pswnet_digests -c "SELECT status, count(*) FROM outbox GROUP BY status ORDER BY status"
