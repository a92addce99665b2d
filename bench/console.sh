#!/usr/bin/env bash
# Issue 14's console figures: cold first loads of /console until the sign-in form is usable (Debian's chromium, a fresh
# profile each), then the review queue's and the dashboard's API calls over the browse bench's 1,000,000 wishes (p50/p95).
# Usage: bench/console.sh [--loads 5] [--samples 40]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/deploy/browser.sh"
"$root/deploy/console.sh" >/dev/null
exec "$root/bench/run.sh" console "$@"
