# Sourced by bench/encode and bench/upload: locating the build, FFmpeg, and a Kinora server of our own.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$ROOT/bench"
LIB="$BENCH/lib"
PORT_OFFSET="${PORT_OFFSET:-500}"
HTTP_PORT=$((8080 + PORT_OFFSET))
URL="http://127.0.0.1:$HTTP_PORT"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-bench-admin-password}"
KINORA_HEAP="${KINORA_HEAP:-2g}"   # the same -Xmx the Maven-run server uses (src/server/pom.xml)

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

wildfly_home() { ls -d "$ROOT"/src/server/target/wildfly-*/ 2>/dev/null | head -1 | sed 's:/$::'; }

ensure_build() {
  local wf ear="$ROOT/src/ear/target/kinora.ear"
  wf="$(wildfly_home)"
  if [[ -z "$wf" || ! -f "$ear" || ! -x "$wf/kinora/ffmpeg/ffmpeg" ]]; then
    log "EAR or provisioned server missing: ./mvnw -B -q install -DskipTests"
    (cd "$ROOT" && ./mvnw -B -q install -DskipTests) || die "build failed"
    wf="$(wildfly_home)"
  fi
  WILDFLY="$wf"
  EAR="${KINORA_EAR:-$ear}"   # KINORA_EAR: another build's kinora.ear, for A/B runs on the same server
  FFDIR="$WILDFLY/kinora/ffmpeg"
  FFMPEG="$FFDIR/ffmpeg"
  FFPROBE="$FFDIR/ffprobe"
  export LD_LIBRARY_PATH="$FFDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
}

SERVER_SH_PID=""
SERVER_PID=""

# start_server BASE_DIR [keep]: fresh base dir (configuration + the EAR), own data dir, port offset; waits for
# health. With "keep" it restarts on the existing base dir (same database and objects).
start_server() {
  local base="$1"
  if curl -s -o /dev/null --max-time 2 "$URL/api/health"; then
    die "something already answers on $URL (port offset $PORT_OFFSET); set PORT_OFFSET"
  fi
  if [[ "${2:-}" != keep ]]; then
    rm -rf "$base"
    mkdir -p "$base/deployments"
    cp -r "$WILDFLY/standalone/configuration" "$base/configuration"
    cp "$EAR" "$base/deployments/kinora.ear"
  fi
  log "starting Kinora (base $base, http $HTTP_PORT, batch threads $BATCH_THREADS, -Xmx$KINORA_HEAP)"
  # setsid: its own process group, so the EXIT trap can stop exactly this server and nothing else
  env -u JAVA_OPTS LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$base/server.pid" \
    JBOSS_JAVA_SIZING="-Xms64m -Xmx$KINORA_HEAP${KINORA_JFR:+ -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$KINORA_JFR}${KINORA_JVM_OPTS:+ $KINORA_JVM_OPTS}" \
    setsid "$WILDFLY/bin/standalone.sh" -c standalone-kinora.xml \
      -Djboss.server.base.dir="$base" \
      -Djboss.socket.binding.port-offset="$PORT_OFFSET" \
      -Dkinora.data.dir="$base/kinora-data" \
      -Dkinora.admin.password="$ADMIN_PASSWORD" \
      -Dkinora.batch.threads="$BATCH_THREADS" \
      -Dkinora.encode.slots="${ENCODE_SLOTS:-$(nproc)}" \
      ${KINORA_SERVER_OPTS:-} \
      >>"$base/console.log" 2>&1 &
  SERVER_SH_PID=$!
  trap stop_server EXIT
  trap 'exit 130' INT TERM
  local deadline=$((SECONDS + 300))
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$URL/api/health" 2>/dev/null)" == 200 ]]; do
    kill -0 "$SERVER_SH_PID" 2>/dev/null || die "server exited during start; see $base/console.log"
    ((SECONDS < deadline)) || die "server not healthy within 300 s; see $base/console.log"
    sleep 1
  done
  SERVER_PID="$(cat "$base/server.pid")"
  [[ -r "/proc/$SERVER_PID/status" ]] || die "no JVM process $SERVER_PID"
  log "Kinora healthy at $URL (JVM pid $SERVER_PID)"
}

stop_server() {
  local rc=$?
  if [[ -n "$SERVER_SH_PID" ]] && kill -0 "$SERVER_SH_PID" 2>/dev/null; then
    log "stopping Kinora (pid $SERVER_SH_PID / JVM $SERVER_PID)"
    kill -TERM "$SERVER_SH_PID" 2>/dev/null || true   # standalone.sh relays TERM to the JVM
    for _ in $(seq 1 60); do
      kill -0 "$SERVER_SH_PID" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$SERVER_SH_PID" 2>/dev/null; then
      log "server did not stop in 60 s: killing its process group"
      kill -KILL -- "-$SERVER_SH_PID" 2>/dev/null || true
    fi
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -KILL "$SERVER_PID" 2>/dev/null || true; fi
  fi
  SERVER_SH_PID=""
  return $rc
}
