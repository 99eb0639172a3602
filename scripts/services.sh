#!/usr/bin/env bash
# Provision and start (up) or stop (down) the real services the tests and a production-like run need,
# on this Debian machine: PostgreSQL 15 (Debian package), Elasticsearch 8.19 (Maven Central test
# distribution, run as a non-root user), Redis (Debian package, a private instance run as a non-root user,
# the shared cache of rate limits and pages), Chromium and fonts for browser and PDF tests.
# `up` writes var/services.env with DATABASE_URL, ELASTICSEARCH_URL and REDIS_URL; source it to use them.
#
#   bash scripts/services.sh up|down [postgres|elasticsearch|redis|browser ...]   (default: all of them)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VAR="$ROOT/var"
ES_VERSION="${ES_VERSION:-8.19.8}"
ES_PORT="${ES_PORT:-9200}"
ES_HOME="$VAR/elasticsearch-$ES_VERSION"
ES_RUN="$VAR/es-run"
ES_USER="${ES_USER:-tthc-es}"
REDIS_PORT="${REDIS_PORT:-6380}"
REDIS_USER="${REDIS_USER:-tthc-redis}"
REDIS_RUN="$VAR/redis-run"
PG_VERSION=15
PG_USER=tthc
PG_PASSWORD=tthc
PG_DB=tthc
mkdir -p "$VAR"

log() { printf '[services] %s\n' "$*"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

postgres_up() {
  apt_install postgresql postgresql-contrib
  pg_ctlcluster "$PG_VERSION" main start 2>/dev/null || true
  for _ in $(seq 1 30); do runuser -u postgres -- pg_isready -q && break; sleep 1; done
  runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SQL
  runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1 \
    || runuser -u postgres -- createdb -O "$PG_USER" "$PG_DB"
  log "PostgreSQL $PG_VERSION ready on 127.0.0.1:5432"
}

elasticsearch_up() {
  if curl -fs "http://127.0.0.1:$ES_PORT/_cluster/health" >/dev/null 2>&1; then
    log "Elasticsearch already answers on port $ES_PORT"; return
  fi
  command -v unzip >/dev/null || apt_install unzip
  command -v curl >/dev/null || apt_install curl
  local zip="$HOME/.m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
  if [ ! -f "$zip" ]; then
    log "fetching Elasticsearch $ES_VERSION from Maven Central"
    mvn -q dependency:get -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"
  fi
  if [ ! -d "$ES_HOME" ]; then
    unzip -q "$zip" -d "$VAR"
  fi
  id -u "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
  rm -rf "$ES_RUN"; mkdir -p "$ES_RUN/data" "$ES_RUN/logs" "$ES_RUN/config"
  cp -r "$ES_HOME/config/." "$ES_RUN/config/"
  cat > "$ES_RUN/config/elasticsearch.yml" <<YML
cluster.name: tthc-test
discovery.type: single-node
network.host: 127.0.0.1
http.port: $ES_PORT
path.data: $ES_RUN/data
path.logs: $ES_RUN/logs
xpack.security.enabled: false
action.destructive_requires_name: false
cluster.routing.allocation.disk.threshold_enabled: false
YML
  chown -R "$ES_USER" "$ES_RUN"
  chmod -R a+rX "$ES_HOME"
  log "starting Elasticsearch $ES_VERSION on 127.0.0.1:$ES_PORT"
  local java_home="${ES_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
  runuser -u "$ES_USER" -- env ES_JAVA_HOME="$java_home" ES_PATH_CONF="$ES_RUN/config" ES_JAVA_OPTS="-Xms512m -Xmx512m" \
    "$ES_HOME/bin/elasticsearch" -d -p "$ES_RUN/es.pid" >"$ES_RUN/startup.log" 2>&1
  for _ in $(seq 1 90); do
    curl -fs "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1 && { log "Elasticsearch ready"; return; }
    sleep 1
  done
  log "Elasticsearch did not become healthy; last log lines:"; tail -n 30 "$ES_RUN/logs/"*.log || true
  exit 1
}

redis_up() {
  apt_install redis-server
  if [ -f "$REDIS_RUN/redis.pid" ] && kill -0 "$(cat "$REDIS_RUN/redis.pid")" 2>/dev/null; then
    log "Redis already runs on 127.0.0.1:$REDIS_PORT"; return
  fi
  id -u "$REDIS_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$REDIS_USER"
  mkdir -p "$REDIS_RUN"; chown "$REDIS_USER" "$REDIS_RUN"
  # A private, memory-only instance: no snapshots, no append-only file, loopback only.
  runuser -u "$REDIS_USER" -- redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --daemonize yes --pidfile "$REDIS_RUN/redis.pid" --dir "$REDIS_RUN" --logfile "$REDIS_RUN/redis.log"
  for _ in $(seq 1 30); do
    redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && { log "Redis ready on 127.0.0.1:$REDIS_PORT"; return; }
    sleep 0.5
  done
  log "Redis did not answer; last log lines:"; tail -n 20 "$REDIS_RUN/redis.log" || true
  exit 1
}

# Stop the process whose id PIDFILE holds (never by name), waiting up to 30 s; NAME is for the log.
stop_pidfile() {
  local pidfile="$1" name="$2"
  [ -f "$pidfile" ] || return 0
  local pid; pid="$(cat "$pidfile")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  rm -f "$pidfile"; log "$name stopped"
}

redis_down() { stop_pidfile "$REDIS_RUN/redis.pid" Redis; }

browser_up() {
  apt_install chromium fonts-liberation2 fonts-noto-core fonts-dejavu-core poppler-utils \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0
}

write_env() {
  cat > "$VAR/services.env" <<ENV
export DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:5432/$PG_DB
export ELASTICSEARCH_URL=http://127.0.0.1:$ES_PORT
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
ENV
  log "wrote $VAR/services.env"
}

elasticsearch_down() { stop_pidfile "$ES_RUN/es.pid" Elasticsearch; }

postgres_down() {
  pg_ctlcluster "$PG_VERSION" main stop 2>/dev/null && log "PostgreSQL stopped" || true
}

action="${1:-}"
shift || true
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(postgres elasticsearch redis browser)
for service in "${services[@]}"; do
  case "$service" in postgres | elasticsearch | redis | browser) ;; *) echo "unknown service: $service" >&2; exit 2 ;; esac
done
case "$action" in
  up)
    for service in "${services[@]}"; do "${service}_up"; done
    write_env
    ;;
  down)
    for service in "${services[@]}"; do [ "$service" = browser ] || "${service}_down"; done
    ;;
  *) echo "usage: $0 up|down [postgres|elasticsearch|redis|browser ...]" >&2; exit 2 ;;
esac
