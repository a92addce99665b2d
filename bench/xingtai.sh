#!/usr/bin/env bash
# Issue 18 item 4: Xingtai-sized data in wechatwish_bench_xingtai (WISH_BENCH_XINGTAI_POSTGRES overrides), seeded once by binary
# COPY and reused (a marker row says it is done; drop the database to start over).
# Usage: bench/xingtai.sh
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" xingtai-seed "$@"
