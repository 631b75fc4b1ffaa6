#!/usr/bin/env bash
# Installs the reference HOCON implementation that tests/Hocon.Tests compares our parser against:
# Lightbend's typesafe-config (Debian package libtypesafe-config-java) and a JDK to run it.
#
# A JDK (default-jdk-headless), not just a JRE: the oracle tests/Hocon.Tests/Oracle/HoconOracle.java runs in
# source-file mode (`java -cp typesafe-config.jar HoconOracle.java`), which needs the jdk.compiler module that
# default-jre-headless does not ship. Non-interactive; safe to run again.
set -euo pipefail

jar=/usr/share/java/typesafe-config.jar
if command -v java >/dev/null 2>&1 && [ -f "$jar" ] && java --list-modules 2>/dev/null | grep -q '^jdk.compiler@'; then
  echo "install-hocon-oracle: java with jdk.compiler and $jar already present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends default-jdk-headless libtypesafe-config-java

java -version
test -f "$jar"
echo "install-hocon-oracle: installed"
