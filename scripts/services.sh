#!/usr/bin/env bash
# Provision and start (up) or stop (down) the real services the tests and a production-like run need,
# on this Debian machine: PostgreSQL 15 (Debian package), Elasticsearch 8.19 (Maven Central test
# distribution, run as a non-root user), Chromium and fonts for browser and PDF tests.
# `up` writes var/services.env with DATABASE_URL and ELASTICSEARCH_URL; source it to use them.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VAR="$ROOT/var"
ES_VERSION="${ES_VERSION:-8.19.8}"
ES_PORT="${ES_PORT:-9200}"
ES_HOME="$VAR/elasticsearch-$ES_VERSION"
ES_RUN="$VAR/es-run"
ES_USER="${ES_USER:-tthc-es}"
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

browser_up() {
  apt_install chromium fonts-liberation2 fonts-noto-core fonts-dejavu-core poppler-utils \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0
}

write_env() {
  cat > "$VAR/services.env" <<ENV
export DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:5432/$PG_DB
export ELASTICSEARCH_URL=http://127.0.0.1:$ES_PORT
ENV
  log "wrote $VAR/services.env"
}

down() {
  if [ -f "$ES_RUN/es.pid" ]; then
    local pid; pid="$(cat "$ES_RUN/es.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    rm -f "$ES_RUN/es.pid"; log "Elasticsearch stopped"
  fi
  pg_ctlcluster "$PG_VERSION" main stop 2>/dev/null && log "PostgreSQL stopped" || true
}

case "${1:-}" in
  up) postgres_up; elasticsearch_up; browser_up; write_env ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
