#!/usr/bin/env bash
# Debian packages the test suites need: a Java runtime with Lightbend's HOCON parser
# (the differential-test oracle), PostgreSQL (the second journal engine) and tmux
# (the interactive console test), and the C toolchain Native AOT links pbm with (gcc, binutils' ld and objcopy,
# libc headers; present wherever g++ is), and Debian's chromium, which the dashboard's browser tests drive through
# Playwright by its path (no browser is downloaded). Idempotent; needs root or passwordless sudo.
set -euo pipefail
packages=(default-jre-headless libtypesafe-config-java postgresql tmux procps gcc binutils libc6-dev python3 chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
for script in .ci/install-hocon-oracle.sh; do
  [ -f "$script" ] && bash "$script"
done
echo "prerequisites ready"
