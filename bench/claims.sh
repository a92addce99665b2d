#!/usr/bin/env bash
# Issue 5's claim storm: three Release instances of Wish.Api, 1,000 volunteers, 5,000 claim attempts on 30 wishes,
# against a hello endpoint measured in the same run; then the same storms with the Redis gate off (Claims__Gate=false: every
# claim goes to the database) and both designs side by side. Uses its own database (wechatwish_bench_claims, recreated each run;
# WISH_BENCH_CLAIMS_POSTGRES overrides) and its own redis-server on a free port.
# Usage: bench/claims.sh [--seconds 5] [--connections 96]
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" claims --seconds 5 --connections 96 "$@"
