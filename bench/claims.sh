#!/usr/bin/env bash
# Issue 5's claim storm: three Release instances of Wish.Api, 1,000 volunteers, 5,000 claim attempts on 30 wishes,
# against a hello endpoint measured in the same run. Uses its own database (wechatwish_bench_claims, recreated each run;
# WISH_BENCH_CLAIMS_POSTGRES overrides) and its own redis-server on a free port.
# Usage: bench/claims.sh [--seconds 5] [--connections 96]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
"$root/deploy/infra.sh"
dotnet build "$root/Wish.Api/Wish.Api.csproj" -c Release -nodeReuse:false -v quiet -clp:NoSummary
dotnet build "$root/bench/Wish.Bench/Wish.Bench.csproj" -c Release -nodeReuse:false -v quiet -clp:NoSummary
exec dotnet "$root/bench/Wish.Bench/bin/Release/net10.0/Wish.Bench.dll" claims --repo "$root" --seconds 5 --connections 96 "$@"
