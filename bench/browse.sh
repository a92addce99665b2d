#!/usr/bin/env bash
# Issue 5's browse figures: the first page filtered by district and category over 1,000,000 wishes, p50/p99 at a fixed
# rate, throughput, and the query plan's index use. The wishes are bulk-inserted once into wechatwish_bench_browse
# (WISH_BENCH_BROWSE_POSTGRES overrides) and reused; drop that database to start over.
# Usage: bench/browse.sh [--seconds 10] [--rate 200] [--connections 16]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
"$root/deploy/infra.sh"
dotnet build "$root/Wish.Api/Wish.Api.csproj" -c Release -nodeReuse:false -v quiet -clp:NoSummary
dotnet build "$root/bench/Wish.Bench/Wish.Bench.csproj" -c Release -nodeReuse:false -v quiet -clp:NoSummary
exec dotnet "$root/bench/Wish.Bench/bin/Release/net10.0/Wish.Bench.dll" browse --repo "$root" --seconds 10 --rate 200 --connections 16 "$@"
