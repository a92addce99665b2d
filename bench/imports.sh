#!/usr/bin/env bash
# Issue 18 item 2's figures: a background import job of a 50,000-row .xlsx on a Release Wish.Api (rows/s), the time to the first
# row error for a file bad at row 2 and one bad at its last row, and the server's peak working set.
# Usage: bench/imports.sh [--rows 50000]   (WISH_BENCH_POSTGRES picks the database; the default is wechatwish_bench)
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" imports "$@"
