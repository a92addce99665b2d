#!/usr/bin/env bash
# Installs what the browser journeys need when absent: Debian's chromium (Playwright drives it; it cannot download a browser
# here) and a CJK font, without which every Chinese character in the console's screenshots is a box. Needs root (apt).
set -euo pipefail
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" || missing+=(fonts-noto-cjk)
if ((${#missing[@]})); then
    echo "[browser] installing ${missing[*]} from Debian packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
/usr/bin/chromium --version >&2
