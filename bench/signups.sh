#!/usr/bin/env bash
# Issue 15's sign-up storm: three Release instances of Wish.Api, 1,000 volunteers signing up at once for 20 shifts of 10 places,
# three storms on fresh shifts, against a hello endpoint measured in the same run. Uses its own database
# (wechatwish_bench_signups, recreated each run; WISH_BENCH_SIGNUPS_POSTGRES overrides) and its own redis-server on a free port.
# Usage: bench/signups.sh [--seconds 5] [--connections 96]
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" signups --seconds 5 --connections 96 "$@"
