#!/usr/bin/env bash
# The benchmark scenarios; run by infra/bench/run inside pg_virtualenv (the PG* variables name the cluster).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH="$ROOT/infra/bench"
PSWNET="${PSWNET_BENCH_BIN:-$ROOT/build/release/backend/app/pswnet}" # another build to compare with
FANOUT_CLIENT="$ROOT/build/release/infra/bench/fanout/pswnet_ws_fanout"
PORT=18090
BASE="http://127.0.0.1:$PORT"
SCENARIOS=("$@")
[ $# -gt 0 ] || SCENARIOS=(ceiling list replies followers busy fanout idle scale instances)
ulimit -n "$(ulimit -Hn)" # 10,000 sockets in each of two processes

export PSWNET_DATABASE_URL="dbname=pswnet_bench"
createdb pswnet_bench
"$PSWNET" migrate >/dev/null
"$PSWNET" seed-demo --accounts-only >/dev/null
# As many members as the service will hold, so that whatever looks through everyone shows its cost.
MEMBERS=${PSWNET_BENCH_MEMBERS:-3000}
# The server's database connections, 8 as pswnet's default unless set.
POOL_SIZE=${PSWNET_BENCH_POOL_SIZE:-8}
psql -q -d pswnet_bench -v count="$MEMBERS" -f "$BENCH/seed_members.sql"

seed() { psql -q -d pswnet_bench -v count="$1" -f "$BENCH/seed_threads.sql" >/dev/null; }
threads() { psql -At -d pswnet_bench -c "SELECT count(*) FROM threads"; }

# No SMTP server: the senders write each email to a file here, in the server's process, as they would send it.
MAIL_DIR=/tmp/pswnet-bench-mail
rm -rf "$MAIL_DIR"
SERVER=
start_server() { # extra pswnet serve flags
  if [ -n "$SERVER" ]; then kill "$SERVER"; wait "$SERVER" || true; fi
  # The previous server's output is removed first: the new one's shell may not have emptied it by the first grep.
  rm -f /tmp/pswnet-bench.out
  # The built-in per-person write limits would refuse a benchmark's replies, and the per-address connection limit
  # its thousands of WebSockets from one address.
  "$PSWNET" serve --listen "127.0.0.1:$PORT" --log-level warn --db-pool-size "$POOL_SIZE" --mail-dir "$MAIL_DIR" \
    --write-limits thread=100000/60,post=100000/60 --max-connections 30000 --max-connections-per-address 30000 "$@" \
    >/tmp/pswnet-bench.out 2>/tmp/pswnet-bench.err &
  SERVER=$!
  until grep -q listening /tmp/pswnet-bench.out 2>/dev/null; do kill -0 "$SERVER"; sleep 0.1; done
}
start_server
trap 'stop_instances; kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT

login() { # email; prints the bearer token
  curl -s -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"demo-password-2026\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
TOKEN=$(login amira.children@southampton.demo.pswnet.uk)
export TOKEN
THREAD_ID=$(curl -s -X POST "$BASE/api/v1/threads" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"title":"Benchmark thread","body":"Replies land here.","sector":"children","kind":"discussion"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
export THREAD_ID
autovacuums() { # the tables autovacuum is working on now, if any
  psql -At -d pswnet_bench -c "SELECT 'autovacuum running: ' || coalesce(string_agg(query, '; '), 'none')
    FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'"
}
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$SERVER/status"; }
ticks() { # pids...; their user and system clock ticks, summed
  for pid in "$@"; do cat "/proc/$pid/stat" 2>/dev/null; done | awk '{sum += $14 + $15} END {print sum + 0}'
}

# Instances of pswnet behind nginx at $PROXY (2 workers), each in its own cgroup with a CPU share when one is given.
INSTANCES=()
CGROUPS=()
PROXY="http://127.0.0.1:$((PORT + 10))"
NGINX=
limit_cpu() { # pid thousandths-of-a-core; false where cgroups cannot be written (not root, or not delegated)
  local period=10000 group
  local quota=$(($2 * period / 1000))
  if grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null &&
    echo +cpu >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null; then
    group=/sys/fs/cgroup/pswnet-bench-$1
    mkdir "$group" && CGROUPS+=("$group") && echo "$quota $period" >"$group/cpu.max" || return 1
  elif [ -w /sys/fs/cgroup/cpu/cgroup.procs ]; then
    group=/sys/fs/cgroup/cpu/pswnet-bench-$1
    mkdir "$group" && CGROUPS+=("$group") && echo "$period" >"$group/cpu.cfs_period_us" &&
      echo "$quota" >"$group/cpu.cfs_quota_us" || return 1
  else
    return 1
  fi
  echo "$1" >"$group/cgroup.procs"
}
serve_instances() { # count [thousandths of a core each]
  local work=/tmp/pswnet-bench-instances i upstreams=
  rm -rf "$work" && mkdir "$work"
  for i in $(seq 1 "$1"); do
    # Given less than a core, an instance runs one network thread, as it would in a container of that size.
    "$PSWNET" serve --listen "127.0.0.1:$((PORT + i))" --log-level warn --db-pool-size 4 ${2:+--io-threads 1} \
      >"$work/pswnet-$i.out" 2>&1 &
    INSTANCES+=($!)
    upstreams+="server 127.0.0.1:$((PORT + i)); "
    if [ -n "${2:-}" ] && ! limit_cpu $! "$2"; then stop_instances; return 1; fi
  done
  for i in $(seq 1 "$1"); do
    until grep -q listening "$work/pswnet-$i.out"; do
      kill -0 "${INSTANCES[i - 1]}" || { cat "$work/pswnet-$i.out" >&2; exit 1; }
      sleep 0.1
    done
  done
  {
    [ "$(id -u)" -eq 0 ] && echo 'user root root;'
    echo "daemon off; worker_processes 2; pid $work/nginx.pid; error_log $work/error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http { access_log off; upstream pswnet { $upstreams keepalive 64; }"
    echo "  server { listen 127.0.0.1:$((PORT + 10)); location / { proxy_pass http://pswnet;"
    echo "    proxy_http_version 1.1; proxy_set_header Connection \"\"; } } }"
  } >"$work/nginx.conf"
  /usr/sbin/nginx -p "$work" -c "$work/nginx.conf" &
  NGINX=$!
  until curl -sf "$PROXY/healthz" >/dev/null; do
    kill -0 "$NGINX" || { cat "$work/error.log" >&2; exit 1; }
    sleep 0.1
  done
}
stop_instances() {
  local pids=("${INSTANCES[@]}")
  [ -n "$NGINX" ] && pids+=("$NGINX")
  [ ${#pids[@]} -eq 0 ] && return # a bare wait would wait for the server too
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  for group in "${CGROUPS[@]}"; do rmdir "$group"; done
  INSTANCES=() CGROUPS=() NGINX=
  rm -rf /tmp/pswnet-bench-instances
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); pswnet release, PostgreSQL 15 on the same machine; $MEMBERS members besides the demo accounts"
echo "pswnet: $POOL_SIZE database connections"
list_wrk() { # extra wrk arguments; the list through $BASE (or LIST_BASE), 50 connections, 20 s
  wrk -t2 -c50 -d20s --latency -H "Authorization: Bearer $TOKEN" "$@" "${LIST_BASE:-$BASE}/api/v1/threads?limit=20"
}
for scenario in "${SCENARIOS[@]}"; do
  case "$scenario" in
  ceiling)
    # The database's own ceilings, in the same run, for the ratios: read-only selects and TPC-B.
    createdb pgbench_ref
    pgbench -q -i -s 10 pgbench_ref 2>/dev/null
    echo "== pgbench -S, 50 connections, 20 s"
    pgbench -n -S -c 50 -j 2 -T 20 pgbench_ref 2>/dev/null | grep -E "^(tps|latency)"
    echo "== pgbench TPC-B, 16 connections, 20 s"
    pgbench -n -c 16 -j 2 -T 20 pgbench_ref 2>/dev/null | grep -E "^(tps|latency)"
    dropdb pgbench_ref
    ;;
  list)
    seed 50000
    echo "== (a) GET /api/v1/threads?limit=20, bearer token, 50 connections, $(threads) threads, answered from memory"
    list_wrk
    etag=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/threads?limit=20" | tr -d '\r' | awk 'tolower($1) == "etag:" {print $2}')
    echo "== (a) the same with If-None-Match: $etag (304, no body)"
    list_wrk -H "If-None-Match: $etag"
    echo "== (a) the same with --hot-read-max-age-ms 0: every read from the database"
    start_server --hot-read-max-age-ms 0
    list_wrk
    start_server
    ;;
  replies)
    echo "== (b) POST /api/v1/threads/$THREAD_ID/posts for 20 s, 16 connections"
    wrk -t2 -c16 -d20s --latency -s "$BENCH/post_reply.lua" "$BASE"
    have=$(threads)
    [ "$have" -lt 10001 ] && seed $((10001 - have))
    # The newest 10,000: not the benchmark thread, the first made, which must keep its one follower.
    range=$(psql -At -d pswnet_bench -c "SELECT min(id) || '-' || max(id) FROM (SELECT id FROM threads ORDER BY id DESC LIMIT 10000) t")
    echo "== (b) the same spread over 10,000 threads (ids $range), each reply to one picked at random"
    THREAD_RANGE=$range wrk -t2 -c16 -d20s --latency -s "$BENCH/post_reply.lua" "$BASE"
    psql -q -d pswnet_bench -v count=16 -f "$BENCH/seed_repliers.sql"
    TOKENS=$(for i in $(seq 1 16); do login "replier$i@bench.pswnet.uk"; done | paste -sd,)
    # A thread of their own, so that the later scenarios' thread keeps one follower.
    theirs=$(curl -s -X POST "$BASE/api/v1/threads" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
      -d '{"title":"A thread many reply to","body":"Everyone replies here.","sector":"children","kind":"discussion"}' |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    echo "== (b) the same from 16 people, each request from one picked at random: to one thread ($theirs)"
    TOKENS=$TOKENS THREAD_ID=$theirs wrk -t2 -c16 -d20s --latency -s "$BENCH/post_reply.lua" "$BASE"
    echo "== (b) the same from 16 people, spread over the 10,000 threads"
    TOKENS=$TOKENS THREAD_RANGE=$range wrk -t2 -c16 -d20s --latency -s "$BENCH/post_reply.lua" "$BASE"
    for mode in transaction poll; do
      echo "== (b) from one person to one thread ($THREAD_ID) again, with --event-notify $mode (the default is batched)"
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
    emailed=$(curl -s -X POST "$BASE/api/v1/threads" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
      -d '{"title":"A thread its followers read by email","body":"Every reply is emailed.","sector":"children","kind":"discussion"}' |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    psql -q -d pswnet_bench -v count=100 -v thread="$emailed" -v delivery=immediate -f "$BENCH/seed_followers.sql"
    echo "== (f) POST /api/v1/threads/$emailed/posts, a thread 100 people follow who want each reply emailed at once, 4 connections, 20 s"
    THREAD_ID=$emailed wrk -t2 -c4 -d20s --latency -s "$BENCH/post_reply.lua" "$BASE"
    echo "   emails queued: $(psql -At -d pswnet_bench -c "SELECT count(*) || ', of which ' || count(*) FILTER (WHERE status = 'sent')
      || ' written to $MAIL_DIR' FROM outbox WHERE in_reply_to LIKE '<thread-$emailed@%'")"
    # Those not sent yet are withdrawn: writing them would share the cores with the scenarios after this one.
    psql -q -d pswnet_bench -c "DELETE FROM outbox WHERE status = 'queued'"
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
    # The first scan after the replies visits every dead version and marks its index entry dead; later scans
    # step over the marked entries until a vacuum removes them.
    echo "   and in the next scan $(list_buffers)"
    psql -At -d pswnet_bench -c "SELECT 'threads: ' || n_tup_upd || ' updates, ' || n_tup_hot_upd || ' HOT, ' || n_dead_tup
      || ' dead rows, last autovacuum ' || coalesce(last_autovacuum::text, 'never') FROM pg_stat_user_tables WHERE relname = 'threads'"
    wrk -t2 -c50 -d20s --latency -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/threads?limit=20" | grep -E "50%|99%|Requests/sec"
    ;;
  fanout)
    [ -x "$FANOUT_CLIENT" ] || { echo "no fan-out client: cmake --build --preset release --target pswnet_ws_fanout" >&2; exit 1; }
    echo "== (c) 20 replies, one after another, each delivered to 1000 WebSocket subscribers of the thread"
    echo "   $(autovacuums)"
    "$FANOUT_CLIENT" "$BASE" "$TOKEN" "$THREAD_ID" 1000 20 "$SERVER"
    echo "== (c) the same to 10,000 subscribers"
    echo "   $(autovacuums)"
    "$FANOUT_CLIENT" "$BASE" "$TOKEN" "$THREAD_ID" 10000 20 "$SERVER"
    ;;
  vacuum)
    # Not in the default run. What the scenarios before it left for autovacuum, done now and waited for, so that
    # the next one measures the service and not a vacuum on the same cores.
    echo "== VACUUM (ANALYZE) of the benchmark's database; $(autovacuums)"
    started=$(date +%s%N)
    psql -q -d pswnet_bench -c "VACUUM (ANALYZE)"
    echo "   took $((($(date +%s%N) - started) / 1000000)) ms"
    ;;
  idle)
    echo "== (d) memory of 10,000 idle WebSockets"
    before=$(rss_kib)
    coproc IDLE { node "$BENCH/ws_idle.mjs" "$BASE" "$TOKEN" 10000; }
    read -r ready <&"${IDLE[0]}"
    after=$(rss_kib)
    echo "$ready; pswnet RSS before: $((before / 1024)) MiB, with the sockets open: $((after / 1024)) MiB, difference: $(((after - before) / 1024)) MiB"
    idle_input=${IDLE[1]}
    exec {idle_input}>&- # end of its input: it closes the sockets and exits
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
  instances)
    # (h) Reads scaling with instances: one instance alone, then three behind nginx (a minimal proxy configuration:
    # the shipped one's per-address limits would refuse a benchmark from one address). Then one, two and three
    # behind nginx, each given the same share of a core (INSTANCE_CPU thousandths, through its own cgroup), so that
    # what each instance is given, not what wrk and nginx leave on this machine's two cores, bounds the reads.
    have=$(threads)
    [ "$have" -lt 50000 ] && seed $((50000 - have))
    echo "== (h) the list, one instance, 50 connections"
    list_wrk | grep -E "50%|99%|Requests/sec"
    serve_instances 3
    echo "== (h) the list, three instances behind nginx (2 workers), 50 connections"
    LIST_BASE=$PROXY list_wrk | grep -E "50%|99%|Requests/sec"
    stop_instances
    share=${INSTANCE_CPU:-200}
    for round in 1 2; do
      for n in 1 2 3; do
        serve_instances "$n" "$share" || { echo "== (h) no cgroup to limit an instance's CPU in: not measured"; break 2; }
        before=$(ticks "${INSTANCES[@]}")
        echo "== (h) round $round: the list, $n instance(s) behind nginx, each given $share/1000 of a core, 50 connections"
        LIST_BASE=$PROXY list_wrk >/tmp/pswnet-bench-wrk.txt
        grep -E "99%|Requests/sec" /tmp/pswnet-bench-wrk.txt
        used=$(($(ticks "${INSTANCES[@]}") - before))
        requests=$(awk '/requests in/ {print $1}' /tmp/pswnet-bench-wrk.txt)
        echo "   each instance used $((used * 1000 / $(getconf CLK_TCK) / 20 / n))/1000 of a core;" \
          "$((used * 1000000 / $(getconf CLK_TCK) / requests)) µs of instance CPU per request"
        stop_instances
      done
    done
    ;;
  cost)
    # What a reply costs, counted rather than timed, so that two builds compare on a busy machine: CPU per reply of
    # pswnet and of PostgreSQL (every postgres process; clock ticks from /proc), and the messages pswnet sends
    # (sendto: libpq's, one per round trip; its HTTP answers go by sendmsg), counted by strace over 500 replies sent
    # one at a time.
    have=$(threads)
    [ "$have" -lt 10001 ] && seed $((10001 - have))
    range=$(psql -At -d pswnet_bench -c "SELECT min(id) || '-' || max(id) FROM (SELECT id FROM threads ORDER BY id DESC LIMIT 10000) t")
    for where in "one thread" "spread over 10,000 threads"; do
      [ "$where" = "one thread" ] && export -n THREAD_RANGE || export THREAD_RANGE=$range
      server_before=$(ticks "$SERVER"); postgres_before=$(ticks $(pgrep -x postgres))
      replies=$(wrk -t2 -c16 -d20s -s "$BENCH/post_reply.lua" "$BASE" | awk '/requests in/ {print $1}')
      server_after=$(ticks "$SERVER"); postgres_after=$(ticks $(pgrep -x postgres))
      echo "== (c) replies to $where, 16 connections, 20 s: $replies replies; CPU per reply:" \
        "pswnet $(( (server_after - server_before) * 1000000 / $(getconf CLK_TCK) / replies )) µs," \
        "PostgreSQL $(( (postgres_after - postgres_before) * 1000000 / $(getconf CLK_TCK) / replies )) µs"
    done
    export -n THREAD_RANGE
    strace -f -c -e trace=sendto,sendmsg -p "$SERVER" -o /tmp/pswnet-bench-strace.txt &
    tracer=$!
    until [ "$(awk '/TracerPid/ {print $2}' /proc/"$SERVER"/status)" != 0 ]; do
      kill -0 "$tracer"; sleep 0.1
    done
    for i in $(seq 1 500); do
      curl -s -o /dev/null -X POST "$BASE/api/v1/threads/$THREAD_ID/posts" -H "Authorization: Bearer $TOKEN" \
        -H 'content-type: application/json' -d "{\"body\":\"Counted reply $i.\"}"
    done
    kill -INT "$tracer"; wait "$tracer" || true
    echo "== (c) 500 replies to one thread, one at a time: system calls of pswnet"
    awk '$NF == "sendto" || $NF == "sendmsg" {print "  " $NF ": " $(NF-1) " (" $(NF-1) / 500 " per reply)"}' \
      /tmp/pswnet-bench-strace.txt
    ;;
  group_commit)
    # Not in the default run: it changes the cluster's commit_delay, which every connection then uses.
    createdb pgbench_ref
    pgbench -q -i -s 10 pgbench_ref 2>/dev/null
    have=$(threads)
    [ "$have" -lt 10001 ] && seed $((10001 - have))
    range=$(psql -At -d pswnet_bench -c "SELECT min(id) || '-' || max(id) FROM (SELECT id FROM threads ORDER BY id DESC LIMIT 10000) t")
    echo "fsync: $(psql -At -d postgres -c 'SHOW fsync')"
    for round in 1 2; do
      for delay in 0 100 500; do
        psql -q -d postgres -c "ALTER SYSTEM SET commit_delay = $delay" -c "ALTER SYSTEM SET commit_siblings = 5" \
          -c "SELECT pg_reload_conf()" >/dev/null
        echo "== (i) round $round, commit_delay $delay µs, commit_siblings 5: TPC-B, replies to one thread, spread; 16 connections, 15 s each"
        pgbench -n -c 16 -j 2 -T 15 pgbench_ref 2>/dev/null | grep -E "^tps"
        wrk -t2 -c16 -d15s --latency -s "$BENCH/post_reply.lua" "$BASE" | grep -E "99%|Requests/sec"
        THREAD_RANGE=$range wrk -t2 -c16 -d15s --latency -s "$BENCH/post_reply.lua" "$BASE" | grep -E "99%|Requests/sec"
      done
    done
    psql -q -d postgres -c "ALTER SYSTEM RESET commit_delay" -c "ALTER SYSTEM RESET commit_siblings" \
      -c "SELECT pg_reload_conf()" >/dev/null
    dropdb pgbench_ref
    ;;
  *) echo "unknown scenario $scenario" >&2; exit 2 ;;
  esac
done
