#!/usr/bin/env bash
# Two definitions of the database's functions compared on a busy machine: SQL files A and B (CREATE OR REPLACE
# FUNCTION …) are applied in turn, A B B A, between short rounds of replies from one person (16 connections) to threads
# picked at random among 10,000 ("spread", the default) or all to the first of them ("one"), and each round prints its
# replies/s, their p99 and the CPU per reply of PostgreSQL (every postgres process; clock ticks from /proc) and of
# pswnet; at the end, each block's B against its A, for CPU per reply, replies/s and p99, and the medians of the blocks.
# Rounds next to each other share the machine's speed of the moment, which moves by a fifth or more here: compare B
# with the A rounds around it, never with rounds minutes apart. Inside pg_virtualenv:
#
#   pg_virtualenv -t -v 15 -o shared_buffers=512MB -o max_connections=200 \
#     bash infra/bench/function_ab.sh A.sql B.sql [blocks of four rounds, 12] [seconds a round, 5] [spread|one]
set -eu
A=$(realpath "$1") B=$(realpath "$2") BLOCKS=${3:-12} SECONDS_A_ROUND=${4:-5} THREADS=${5:-spread}
case $THREADS in spread | one) ;; *) echo "threads: spread or one, not $THREADS" >&2; exit 2 ;; esac
DATABASE=pswnet_function_ab
PORT=18092
# shellcheck source=infra/bench/spread_replies.sh
source "$(dirname "${BASH_SOURCE[0]}")/spread_replies.sh"
[ "$THREADS" = one ] && THREAD_RANGE="${THREAD_RANGE%-*}-${THREAD_RANGE%-*}"

ticks() { # pids...; their user and system clock ticks and those of their children that ended, summed: a backend or
  # an autovacuum worker that ends within a round is counted in the postmaster's, which waited for it
  for pid in "$@"; do cat "/proc/$pid/stat" 2>/dev/null; done | awk '{sum += $14 + $15 + $16 + $17} END {print sum + 0}'
}
round() { # label
  local server_before postgres_before count p99 server_after postgres_after per_tick
  server_before=$(ticks "$SERVER"); postgres_before=$(ticks $(pgrep -x postgres))
  replies "${SECONDS_A_ROUND}s" --latency >"$WORK/wrk.txt"
  count=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt") p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
  server_after=$(ticks "$SERVER"); postgres_after=$(ticks $(pgrep -x postgres))
  if [ "${count:-0}" -eq 0 ]; then echo "no reply completed in a round of $1" >&2; cat "$WORK/wrk.txt" >&2; exit 1; fi
  per_tick=$((1000000 / $(getconf CLK_TCK)))
  echo "$1 $((count / SECONDS_A_ROUND)) replies/s, p99 $p99; CPU per reply: PostgreSQL" \
    "$(((postgres_after - postgres_before) * per_tick / count)) µs, pswnet" \
    "$(((server_after - server_before) * per_tick / count)) µs"
}

replies 8s >/dev/null # warm: plans kept, caches filled
for _ in $(seq "$BLOCKS"); do
  for label in A B B A; do
    if [ "$label" = A ]; then file=$A; else file=$B; fi
    psql -q -d "$DATABASE" -f "$file"
    psql -q -d "$DATABASE" -c CHECKPOINT
    round "$label" | tee -a "$WORK/rounds.txt"
  done
done
# Each block's B rounds against the A rounds around them, then the median of the blocks.
python3 - "$WORK/rounds.txt" <<'SUMMARY'
import statistics, sys
def milliseconds(wrk_time):  # as wrk prints a latency: 812.00us, 40.39ms or 1.02s
    for unit, scale in (("us", 0.001), ("ms", 1), ("s", 1000)):
        if wrk_time.endswith(unit):
            return float(wrk_time[: -len(unit)]) * scale
rounds = [line.split() for line in open(sys.argv[1])]
measures = (("PostgreSQL's CPU per reply", lambda r: int(r[9])), ("Replies/s", lambda r: int(r[1])),
            ("p99", lambda r: milliseconds(r[4].rstrip(";"))))
for name, measure in measures:
    values = [measure(r) for r in rounds]
    blocks = [(values[i + 1] + values[i + 2]) / (values[i] + values[i + 3]) - 1 for i in range(0, len(values) - 3, 4)]
    print(f"{name}, B against A, by block:", " ".join(f"{b:+.1%}" for b in blocks))
    lower = sum(b < 0 for b in blocks)
    print(f"  median {statistics.median(blocks):+.1%}; blocks where B was lower: {lower} of {len(blocks)}")
SUMMARY
