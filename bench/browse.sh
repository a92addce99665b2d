#!/usr/bin/env bash
# Issue 5's browse figures: the first page filtered by district and category over 1,000,000 wishes, p50/p99 at a fixed
# rate, throughput, and the query plan's index use. The wishes are bulk-inserted once into wechatwish_bench_browse
# (WISH_BENCH_BROWSE_POSTGRES overrides) and reused; drop that database to start over.
# Usage: bench/browse.sh [--seconds 10] [--rate 200] [--connections 16]
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" browse --seconds 10 --rate 200 --connections 16 "$@"
