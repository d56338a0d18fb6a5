#!/usr/bin/env bash
# Two definitions of the database's functions compared on a busy machine: SQL files A and B (CREATE OR REPLACE
# FUNCTION …) are applied in turn, A B B A, between short rounds of replies from one person (16 connections) to
# threads picked at random among 10,000 ("spread", the default) or all to the first of them ("one"); each round and
# the comparison by block are printed as ab_rounds.sh says. Inside pg_virtualenv:
#
#   pg_virtualenv -t -v 15 -o shared_buffers=512MB -o max_connections=200 \
#     bash infra/bench/function_ab.sh A.sql B.sql [blocks of four rounds, 12] [seconds a round, 5] [spread|one]
set -euo pipefail
A=$(realpath "$1") B=$(realpath "$2") BLOCKS=${3:-12} SECONDS_A_ROUND=${4:-5} THREADS=${5:-spread}
DATABASE=pswnet_function_ab
PORT=18092
# shellcheck source=infra/bench/spread_replies.sh
source "$(dirname "${BASH_SOURCE[0]}")/spread_replies.sh"
# shellcheck source=infra/bench/ab_rounds.sh
source "$BENCH/ab_rounds.sh"

apply() { psql -q -d "$DATABASE" -f "$1" && psql -q -d "$DATABASE" -c CHECKPOINT; }
apply_a() { apply "$A"; }
apply_b() { apply "$B"; }

replies 8s >/dev/null # warm: plans kept, caches filled
ab_rounds "$BLOCKS" "$SECONDS_A_ROUND" apply_a apply_b
