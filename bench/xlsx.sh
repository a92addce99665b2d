#!/usr/bin/env bash
# Issue 18's figures: MiniExcel, ClosedXML and ExcelDataReader writing and reading a sheet of N wish-import rows (default 50,000).
# Needs no database; each case runs in a process of its own. Usage: bench/xlsx.sh [--rows 50000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
dotnet build "$root/bench/Wish.Bench/Wish.Bench.csproj" -c Release -nodeReuse:false -v quiet -clp:NoSummary
exec dotnet "$root/bench/Wish.Bench/bin/Release/net10.0/Wish.Bench.dll" xlsx "$@"
