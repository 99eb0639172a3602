#!/usr/bin/env bash
# The SQLite pass of `make test`: when the main pass ran on PostgreSQL (CI), run the tests of the embedded
# SQLite paths (marker `sqlite`: the FTS5 search backend) on SQLite too, adding to the same coverage data.
# On SQLite the main pass already ran them; nothing to do.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${DATABASE_URL:-}" in
  postgres://*|postgresql://*) ;;
  *) echo "SQLite pass: the main pass ran on SQLite (it included the marker-sqlite tests)"; exit 0 ;;
esac
echo "SQLite pass: tests marked sqlite, on the embedded database"
env -u DATABASE_URL -u ELASTICSEARCH_URL .venv/bin/pytest -m sqlite --cov --cov-append --cov-report= "$@"
