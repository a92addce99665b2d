#!/usr/bin/env bash
# Issue 6's figures: a CSV import of N rows (default 2000), then the review queue, statistics and export, on a Release build.
# Usage: bench/staff.sh [--rows 2000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
"$root/deploy/infra.sh"
dotnet build "$root/Wish.Api/Wish.Api.csproj" -c Release -nodeReuse:false -v quiet -clp:NoSummary
dotnet build "$root/bench/Wish.Bench/Wish.Bench.csproj" -c Release -nodeReuse:false -v quiet -clp:NoSummary
exec dotnet "$root/bench/Wish.Bench/bin/Release/net10.0/Wish.Bench.dll" staff --repo "$root" "$@"
