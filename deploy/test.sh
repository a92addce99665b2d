#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine that has only the .NET SDK:
# PostgreSQL and Redis installed and started on loopback, a separate test database, Chromium for the console's
# browser journeys, every test (the claim gate, conversation, deduplication and token store fixtures run twice: on one
# throwaway redis-server and on a three-master Redis Cluster the tests start with deploy/redis-cluster.sh; the fuzzers;
# backup.sh and restore.sh; deploy/faults.sh --short, with a PostgreSQL and Redis of its own behind nginx),
# then one line "tests: N passed, N failed" from the TRX results. Exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

"$root/deploy/infra.sh"
# The staff console's browser journeys: chromium and a CJK font, and the console published where the test host serves it.
"$root/deploy/browser.sh"
"$root/deploy/console.sh" >/dev/null

export WISH_TEST_POSTGRES="${WISH_TEST_POSTGRES:-Host=127.0.0.1;Port=${WISH_PG_PORT:-5432};Database=wechatwish_test;Username=postgres;Password=${WISH_PG_PASSWORD:-postgres}}"

# Node's wechat-crypto is the interoperability oracle for the WeChat crypto tests.
if [[ -f "$root/Wish.Tests/Interop/package-lock.json" ]]; then
    command -v npm >/dev/null || { echo "[test] npm is needed for the interop tests" >&2; exit 1; }
    npm ci --prefix "$root/Wish.Tests/Interop" --no-audit --no-fund --loglevel=error >/dev/null
fi

results="$root/TestResults"
rm -rf "$results"
status=0
dotnet test "$root/WeChatWish.sln" -c Release -nodeReuse:false \
    --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@" || status=$?
dotnet build-server shutdown >/dev/null 2>&1 || true

passed=0; failed=0
for trx in "$results"/*.trx; do
    [[ -f "$trx" ]] || continue
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
echo "tests: $passed passed, $failed failed"
if ((status != 0 || failed != 0)); then exit 1; fi
if ((passed == 0)); then echo "[test] no tests ran" >&2; exit 1; fi
