#!/usr/bin/env bash
# Configures an unpacked WildFly for Kinora, offline, with the JBoss CLI scripts beside this file.
# Usage: provision.sh WILDFLY_HOME [extra.cli ...]   (extra scripts: e.g. production/postgresql.cli)
# Every run starts again from the pristine standalone-full.xml, so these scripts are the whole truth.
set -euo pipefail
home=$(cd "$1" && pwd); shift
here=$(cd "$(dirname "$0")" && pwd)
cfg="$home/standalone/configuration"
cp "$cfg/standalone-full.xml" "$cfg/standalone-kinora.xml"
rm -rf "$cfg/standalone_xml_history"
# FFmpeg from its Maven artifact arrives without the executable bit
for f in "$home"/kinora/ffmpeg/ffmpeg "$home"/kinora/ffmpeg/ffprobe; do [ -f "$f" ] && chmod +x "$f"; done
cli() { JAVA_OPTS="-Xmx256m" "$home/bin/jboss-cli.sh" --file="$1"; }
cli "$here/kinora.cli"
for extra in "$@"; do cli "$extra"; done
echo "Kinora: WildFly at $home configured (standalone-kinora.xml)"
