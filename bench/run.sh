#!/usr/bin/env bash
# What every bench/*.sh does before its benchmark: loopback PostgreSQL and Redis, Release builds of Wish.Api and Wish.Bench.
# Usage: bench/run.sh <callback|claims|browse|staff|notifications> [options the benchmark takes]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
"$root/deploy/infra.sh"
dotnet build "$root/Wish.Api/Wish.Api.csproj" -c Release -nodeReuse:false -v quiet -clp:NoSummary
dotnet build "$root/bench/Wish.Bench/Wish.Bench.csproj" -c Release -nodeReuse:false -v quiet -clp:NoSummary
bench="$1"
shift
exec dotnet "$root/bench/Wish.Bench/bin/Release/net10.0/Wish.Bench.dll" "$bench" --repo "$root" "$@"
