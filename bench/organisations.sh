#!/usr/bin/env bash
# Issue 16's Xingtai figures: 4,800 organisations and 1,170,000 volunteers (bulk-inserted once into wechatwish_bench_orgs,
# WISH_BENCH_ORGS_POSTGRES overrides; drop it to start over), a team leader's member list and a station's statistics,
# p50/p99 over a closed loop, and the plan of the statistics' heaviest statement.
# Usage: bench/organisations.sh [--seconds 10] [--connections 4]
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" organisations --seconds 10 --connections 4 "$@"
