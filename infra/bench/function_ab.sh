#!/usr/bin/env bash
# Two definitions of the database's functions compared on a busy machine: SQL files A and B (CREATE OR REPLACE
# FUNCTION …) are applied in turn, A B B A, between short rounds of replies from one person to threads picked at random
# among 10,000 (16 connections), and each round prints its replies/s and the CPU per reply of PostgreSQL (every
# postgres process; clock ticks from /proc) and of pswnet; at the end, each block's B against its A and the median of
# the blocks. Rounds next to each other share the machine's speed of the moment, which moves by a fifth or more here:
# compare B with the A rounds around it, never with rounds minutes apart. Inside pg_virtualenv:
#
#   pg_virtualenv -t -v 15 -o shared_buffers=512MB -o max_connections=200 \
#     bash infra/bench/function_ab.sh A.sql B.sql [blocks of four rounds, 12] [seconds a round, 5]
set -eu
A=$(realpath "$1") B=$(realpath "$2") BLOCKS=${3:-12} SECONDS_A_ROUND=${4:-5}
DATABASE=pswnet_function_ab
PORT=18092
# shellcheck source=infra/bench/spread_replies.sh
source "$(dirname "${BASH_SOURCE[0]}")/spread_replies.sh"

ticks() { # pids...; their user and system clock ticks and those of their children that ended, summed: a backend or
  # an autovacuum worker that ends within a round is counted in the postmaster's, which waited for it
  for pid in "$@"; do cat "/proc/$pid/stat" 2>/dev/null; done | awk '{sum += $14 + $15 + $16 + $17} END {print sum + 0}'
}
round() { # label
  local server_before postgres_before count server_after postgres_after per_tick
  server_before=$(ticks "$SERVER"); postgres_before=$(ticks $(pgrep -x postgres))
  count=$(replies "${SECONDS_A_ROUND}s" | awk '/requests in/ {print $1}')
  server_after=$(ticks "$SERVER"); postgres_after=$(ticks $(pgrep -x postgres))
  per_tick=$((1000000 / $(getconf CLK_TCK)))
  echo "$1 $((count / SECONDS_A_ROUND)) replies/s; CPU per reply: PostgreSQL" \
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
cpu = [int(line.split()[7]) for line in open(sys.argv[1])]
blocks = [(cpu[i + 1] + cpu[i + 2]) / (cpu[i] + cpu[i + 3]) - 1 for i in range(0, len(cpu) - 3, 4)]
print("PostgreSQL's CPU per reply, B against A, by block:", " ".join(f"{b:+.1%}" for b in blocks))
print(f"median {statistics.median(blocks):+.1%}; blocks where B spent less: {sum(b < 0 for b in blocks)} of {len(blocks)}")
SUMMARY
