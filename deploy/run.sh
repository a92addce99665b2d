#!/usr/bin/env bash
# Runs WeChatWish on a fresh Debian machine that has only the .NET SDK:
# PostgreSQL and Redis up on loopback, migrations applied, reference data and the first admin seeded,
# then Wish.Api serving on http://127.0.0.1:5080 (or ASPNETCORE_URLS). Any setting can be given as an
# environment variable, e.g. WeChat__OfficialAccount__Token=... or ConnectionStrings__Postgres=...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

"$root/deploy/infra.sh"

export ConnectionStrings__Postgres="${ConnectionStrings__Postgres:-Host=127.0.0.1;Port=${WISH_PG_PORT:-5432};Database=wechatwish;Username=postgres;Password=${WISH_PG_PASSWORD:-postgres};Max Auto Prepare=20}"
export ConnectionStrings__Redis="${ConnectionStrings__Redis:-127.0.0.1:${WISH_REDIS_PORT:-6379}}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export Database__InitializeOnStartup="${Database__InitializeOnStartup:-true}"
# A local run shows the API's documents at /openapi/v1.json and /scalar; a production host serves them only if asked.
export ApiDocs__Enabled="${ApiDocs__Enabled:-true}"
# Someone reads this console: plain lines rather than Production's JSON (which is for a log collector).
export Telemetry__ConsoleFormat="${Telemetry__ConsoleFormat:-simple}"
# The first admin's password: WISH_ADMIN_PASSWORD, or one generated into .local/ on the first run and printed below.
password_file="$root/.local/admin-password"
if [[ -z "${WISH_ADMIN_PASSWORD:-}" && ! -f "$password_file" ]]; then
    mkdir -p "$root/.local"
    (umask 077; head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16 >"$password_file"; echo 7 >>"$password_file")
fi
WISH_ADMIN_PASSWORD="${WISH_ADMIN_PASSWORD:-$(tr -d '\n' <"$password_file")}"
export Seed__AdminPassword="$WISH_ADMIN_PASSWORD"

# A JWT signing key, and placeholder WeChat settings until real ones are given, are generated once
# into .local/ (not committed); the placeholders let the service start but are useless against WeChat.
set -a; source "$("$root/deploy/local-settings.sh")"; set +a

dotnet build "$root/Wish.Api/Wish.Api.csproj" -c Release -nodeReuse:false -v quiet -clp:NoSummary
"$root/deploy/console.sh" >/dev/null
cat >&2 <<MSG
[run] staff console: ${ASPNETCORE_URLS%%;*}/console
[run] sign in as admin with password $WISH_ADMIN_PASSWORD: the account is created with it on the first run (an admin created
[run] before keeps its own password; it is in WISH_ADMIN_PASSWORD or .local/admin-password of that run)
MSG
exec dotnet "$root/Wish.Api/bin/Release/net10.0/Wish.Api.dll" --contentRoot "$root/Wish.Api"
