#!/bin/sh
# Starts WildFly with Kinora's configuration. One batch thread per CPU unless KINORA_BATCH_THREADS says
# otherwise (encoding is CPU-bound: more threads than cores only make every job slower).
# Extra arguments are passed to standalone.sh (e.g. -Dkinora.jms.max-delivery-attempts=3).
set -eu
data_dir="${KINORA_DATA_DIR:-/var/lib/kinora}"
threads="${KINORA_BATCH_THREADS:-$(nproc)}"
mkdir -p "$data_dir/server"
exec "$JBOSS_HOME/bin/standalone.sh" -c standalone-kinora.xml -b 0.0.0.0 \
  -Dkinora.data.dir="$data_dir" \
  -Djboss.server.data.dir="$data_dir/server" \
  -Dkinora.batch.threads="$threads" \
  "$@"
