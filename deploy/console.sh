#!/usr/bin/env bash
# Publishes the staff console (Wish.Console, Blazor WebAssembly) to Wish.Console/bin/publish, where Wish.Api serves it at /console
# (setting StaffConsole__Root points elsewhere). Needs only the .NET SDK; prints the folder it wrote.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
out="$root/Wish.Console/bin/publish"
dotnet publish "$root/Wish.Console/Wish.Console.csproj" -c Release -o "$out" -nodeReuse:false -v quiet -clp:NoSummary >&2
[[ -f "$out/wwwroot/index.html" ]] || { echo "[console] publish wrote no $out/wwwroot/index.html" >&2; exit 1; }
echo "$out/wwwroot"
