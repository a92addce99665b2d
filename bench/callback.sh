#!/usr/bin/env bash
# Issue 3's figures: safe-mode pushes to /wechat of a Release build against a hello endpoint on this machine.
# Usage: bench/callback.sh [--seconds 10] [--connections 64] [--rate 1000]
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" callback "$@"
