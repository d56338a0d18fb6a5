#!/usr/bin/env bash
# Two sets of pswnet's serve options compared on a busy machine: pswnet is started again with options A or B in turn,
# A B B A, and warmed for 2 s before each short round of replies from one person (16 connections) to threads picked
# at random among 10,000 ("spread", the default) or all to the first of them ("one"); each round and the comparison
# by block are printed as ab_rounds.sh says. Options are split at spaces. Inside pg_virtualenv, for example:
#
#   pg_virtualenv -t -v 15 -o shared_buffers=512MB -o max_connections=200 \
#     bash infra/bench/server_ab.sh '--db-pool-size 8' '--db-pool-size 4' [blocks, 6] [seconds a round, 5] [spread|one]
set -euo pipefail
read -ra A_OPTIONS <<<"$1"
read -ra B_OPTIONS <<<"$2"
BLOCKS=${3:-6} SECONDS_A_ROUND=${4:-5} THREADS=${5:-spread}
DATABASE=pswnet_server_ab
PORT=18094
# shellcheck source=infra/bench/spread_replies.sh
source "$(dirname "${BASH_SOURCE[0]}")/spread_replies.sh"
# shellcheck source=infra/bench/ab_rounds.sh
source "$BENCH/ab_rounds.sh"

serve_a() { serve "${A_OPTIONS[@]}" && replies 2s >/dev/null; }
serve_b() { serve "${B_OPTIONS[@]}" && replies 2s >/dev/null; }

replies 8s >/dev/null # warm: plans kept, caches filled
ab_rounds "$BLOCKS" "$SECONDS_A_ROUND" serve_a serve_b
