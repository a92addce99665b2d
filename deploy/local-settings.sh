#!/usr/bin/env bash
# Writes .local/local.env once: a JWT signing key and placeholder WeChat settings for a local run.
# Values already in the environment win, because they are only defaults (${VAR:-...}).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
file="$root/.local/local.env"
if [[ ! -f "$file" ]]; then
    mkdir -p "$root/.local"
    rand() { head -c "$1" /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c "$2"; }
    umask 077
    cat >"$file" <<ENV
Jwt__SigningKey=\${Jwt__SigningKey:-$(rand 96 64)}
WeChat__OfficialAccount__AppId=\${WeChat__OfficialAccount__AppId:-wxlocal$(rand 16 10)}
WeChat__OfficialAccount__AppSecret=\${WeChat__OfficialAccount__AppSecret:-$(rand 48 32)}
WeChat__OfficialAccount__Token=\${WeChat__OfficialAccount__Token:-$(rand 48 32)}
WeChat__OfficialAccount__EncodingAESKey=\${WeChat__OfficialAccount__EncodingAESKey:-$(rand 96 43)}
WeChat__MiniProgram__AppId=\${WeChat__MiniProgram__AppId:-wxlocal$(rand 16 10)}
WeChat__MiniProgram__AppSecret=\${WeChat__MiniProgram__AppSecret:-$(rand 48 32)}
ENV
    echo "[run] wrote a JWT key and placeholder WeChat settings to $file; give real WeChat ones as WeChat__... environment variables" >&2
fi
echo "$file"
