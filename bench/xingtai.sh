#!/usr/bin/env bash
# Issue 18 item 4: Xingtai-sized data in wechatwish_bench_xingtai (WISH_BENCH_XINGTAI_POSTGRES overrides), seeded once by binary
# COPY and reused (a marker row says it is done; drop the database to start over), then measured on a Release Wish.Api:
# staff statistics and the volunteer list p50/p99, the volunteer-hours export's rows/s and the server's peak working set.
# Usage: bench/xingtai.sh [--seconds 10] [--connections 4]
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
"$here/run.sh" xingtai-seed
exec "$here/run.sh" xingtai "$@"
