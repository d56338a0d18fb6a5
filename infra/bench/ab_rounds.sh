# shellcheck shell=bash
# Sourced by function_ab.sh and server_ab.sh, after spread_replies.sh. `ab_rounds BLOCKS SECONDS SET_A SET_B` runs
# BLOCKS blocks of four rounds of replies, A B B A, each round SECONDS long after the command SET_A or SET_B has set
# its side up, and prints each round's replies/s, their p99 and the CPU per reply of PostgreSQL (every postgres
# process; clock ticks from /proc) and of pswnet; at the end, each block's B against its A, for each measure, and
# the medians of the blocks. Rounds next to each other share the machine's speed of the moment, which moves by a
# fifth or more here: compare B with the A rounds around it, never with rounds minutes apart.

ticks() { # pids...; their user and system clock ticks and those of their children that ended, summed: a backend or
  # an autovacuum worker that ends within a round is counted in the postmaster's, which waited for it
  for pid in "$@"; do cat "/proc/$pid/stat" 2>/dev/null || true; done |
    awk '{sum += $14 + $15 + $16 + $17} END {print sum + 0}'
}

ab_round() { # label seconds
  local server_before postgres_before count p99 server_after postgres_after per_tick
  server_before=$(ticks "$SERVER"); postgres_before=$(ticks $(pgrep -x postgres))
  replies "${2}s" --latency >"$WORK/wrk.txt"
  count=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt") p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
  server_after=$(ticks "$SERVER"); postgres_after=$(ticks $(pgrep -x postgres))
  if [ "${count:-0}" -eq 0 ]; then echo "no reply completed in a round of $1" >&2; cat "$WORK/wrk.txt" >&2; exit 1; fi
  per_tick=$((1000000 / $(getconf CLK_TCK)))
  echo "$1 $((count / $2)) replies/s, p99 $p99; CPU per reply: PostgreSQL" \
    "$(((postgres_after - postgres_before) * per_tick / count)) µs, pswnet" \
    "$(((server_after - server_before) * per_tick / count)) µs"
}

ab_rounds() { # blocks seconds set_a set_b
  local label
  for _ in $(seq "$1"); do
    for label in A B B A; do
      if [ "$label" = A ]; then "$3"; else "$4"; fi
      ab_round "$label" "$2" | tee -a "$WORK/rounds.txt"
    done
  done
  python3 - "$WORK/rounds.txt" <<'SUMMARY'
import statistics, sys
def milliseconds(wrk_time):  # as wrk prints a latency: 812.00us, 40.39ms or 1.02s
    for unit, scale in (("us", 0.001), ("ms", 1), ("s", 1000)):
        if wrk_time.endswith(unit):
            return float(wrk_time[: -len(unit)]) * scale
rounds = [line.split() for line in open(sys.argv[1])]
measures = (("PostgreSQL's CPU per reply", lambda r: int(r[9])), ("pswnet's CPU per reply", lambda r: int(r[12])),
            ("Replies/s", lambda r: int(r[1])), ("p99", lambda r: milliseconds(r[4].rstrip(";"))))
for name, measure in measures:
    values = [measure(r) for r in rounds]
    blocks = [(values[i + 1] + values[i + 2]) / (values[i] + values[i + 3]) - 1 for i in range(0, len(values) - 3, 4)]
    print(f"{name}, B against A, by block:", " ".join(f"{b:+.1%}" for b in blocks))
    lower = sum(b < 0 for b in blocks)
    print(f"  median {statistics.median(blocks):+.1%}; blocks where B was lower: {lower} of {len(blocks)}")
SUMMARY
}
