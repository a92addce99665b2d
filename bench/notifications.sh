#!/usr/bin/env bash
# Issue 7's figures: a staff push to 100,000 recipients at a configured 1,000/s against a fake WeChat API served by the bench,
# on a Release build: achieved rate, shortfall, and the server's peak working set at 10,000 and at 100,000 recipients, then the
# shape of the sends as the fake saw them (busiest one-second span, seconds below the rate, gaps longer than the pacer's burst).
# Uses its own database (wechatwish_bench_notifications, recreated each run; WISH_BENCH_NOTIFICATIONS_POSTGRES overrides it).
# Usage: bench/notifications.sh [--recipients 100000] [--rate 1000]
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" notifications "$@"
