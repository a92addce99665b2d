#!/usr/bin/env bash
# Issue 6's figures: a CSV import of N rows (default 2000), then the review queue, statistics and export, on a Release build.
# Usage: bench/staff.sh [--rows 2000]
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" staff "$@"
