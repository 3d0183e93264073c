#!/bin/sh
# Starts WildFly with Kinora's configuration. One encoder per CPU (KINORA_ENCODE_SLOTS) and a batch pool of twice
# that (KINORA_BATCH_THREADS): the encode job needs its own thread plus one per partition, and partitions mostly wait
# for encoders (encoding is CPU-bound: more encoders than cores only make every job slower).
# Extra arguments are passed to standalone.sh (e.g. -Dkinora.jms.max-delivery-attempts=3).
set -eu
data_dir="${KINORA_DATA_DIR:-/var/lib/kinora}"
slots="${KINORA_ENCODE_SLOTS:-$(nproc)}"
threads="${KINORA_BATCH_THREADS:-$((2 * $(nproc)))}"
mkdir -p "$data_dir/server"
exec "$JBOSS_HOME/bin/standalone.sh" -c standalone-kinora.xml -b 0.0.0.0 \
  -Dkinora.data.dir="$data_dir" \
  -Djboss.server.data.dir="$data_dir/server" \
  -Dkinora.batch.threads="$threads" \
  -Dkinora.encode.slots="$slots" \
  "$@"
