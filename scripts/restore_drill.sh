#!/usr/bin/env bash
# Restore drill: restore a backup set into a scratch database, compare it with the source database
# (row counts of the key tables, and a sample of records by primary key), print a result table, and drop
# the scratch database. Exit 0 only when everything matches.
#
#   DATABASE_URL=postgres://u:p@host:5432/db bash scripts/restore_drill.sh [BACKUP_SET_DIR]
# Without BACKUP_SET_DIR it takes a fresh backup first (scripts/backup.sh). DRILL_SAMPLE (default 20)
# records per table are compared column by column (as text). The role needs CREATEDB.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?DATABASE_URL must name the source PostgreSQL database}"
SAMPLE="${DRILL_SAMPLE:-20}"
set_dir="${1:-}"
if [ -z "$set_dir" ]; then
  set_dir="$(bash scripts/backup.sh | tail -n 1)"
fi
(cd "$set_dir" && sha256sum --quiet --check SHA256SUMS)
# An encrypted set (scripts/backup.sh with BACKUP_GPG_RECIPIENT) is decrypted into a private scratch
# directory with the private key of the keyring in use (GNUPGHOME honoured).
plain_dir="$set_dir"
if [ -f "$set_dir/database.dump.gpg" ]; then
  plain_dir="$(mktemp -d)"
  chmod 700 "$plain_dir"
  for name in database.dump media.tar.gz private.tar.gz; do
    gpg --batch --quiet --output "$plain_dir/$name" --decrypt "$set_dir/$name.gpg"
  done
fi

base="${DATABASE_URL%/*}"
scratch_name="tthc_restore_drill_$(date -u +%Y%m%d%H%M%S)_$$"
scratch_url="$base/$scratch_name"
admin_url="$base/postgres"
cleanup() {
  psql -q "$admin_url" -c "DROP DATABASE IF EXISTS \"$scratch_name\" WITH (FORCE)" >/dev/null 2>&1 || true
  if [ "$plain_dir" != "$set_dir" ]; then rm -rf -- "$plain_dir"; fi
}
trap cleanup EXIT

started=$(date +%s)
psql -q "$admin_url" -c "CREATE DATABASE \"$scratch_name\""
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$scratch_url" "$plain_dir/database.dump"
restore_seconds=$(( $(date +%s) - started ))

media_files=$(tar -tzf "$plain_dir/media.tar.gz" | grep -vc '/$' || true)
private_files=$(tar -tzf "$plain_dir/private.tar.gz" | grep -vc '/$' || true)

# Key tables (each with an `id` primary key, which the sample below orders by).
tables=(
  catalog_agency catalog_field catalog_legaldocument catalog_procedure catalog_procedureversion
  catalog_procedurestep catalog_procedurechannel catalog_proceduretimelimit catalog_dossieritem
  catalog_announcementdecision catalog_decisionitem search_searchdocument timeliness_sourcesystem
  timeliness_dossier feedback_feedback feedback_feedbackattachment feedback_feedbackevent
  wagtailcore_page wagtailcore_revision auth_user
)
failures=0
printf '%-32s %12s %12s %10s %s\n' "table" "source" "restored" "sample" "result"
for table in "${tables[@]}"; do
  exists=$(psql -tAq "$DATABASE_URL" -c "SELECT to_regclass('public.$table') IS NOT NULL")
  if [ "$exists" != "t" ]; then
    printf '%-32s %12s %12s %10s %s\n' "$table" "-" "-" "-" "absent"
    continue
  fi
  source_count=$(psql -tAq "$DATABASE_URL" -c "SELECT count(*) FROM $table")
  restored_count=$(psql -tAq "$scratch_url" -c "SELECT count(*) FROM $table")
  # A deterministic sample: the first and last rows by primary key plus an even spread between them.
  query="SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM $table t
         WHERE t.id IN (SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS c
                                        FROM $table) s
                        WHERE (n - 1) % greatest(c / $SAMPLE, 1) = 0)"
  source_sample=$(psql -tAq "$DATABASE_URL" -c "$query")
  restored_sample=$(psql -tAq "$scratch_url" -c "$query")
  if [ "$source_count" = "$restored_count" ] && [ "$source_sample" = "$restored_sample" ]; then
    result="ok"
  else
    result="MISMATCH"
    failures=$((failures + 1))
  fi
  sample_state=$([ "$source_sample" = "$restored_sample" ] && echo "equal" || echo "differ")
  printf '%-32s %12s %12s %10s %s\n' "$table" "$source_count" "$restored_count" "$sample_state" "$result"
done
printf '%-32s %12s\n' "media files in backup" "$media_files"
printf '%-32s %12s\n' "private files in backup" "$private_files"
printf '%-32s %12s\n' "restore time (s)" "$restore_seconds"
printf '%-32s %12s\n' "backup set" "$set_dir"
if [ "$failures" -ne 0 ]; then
  echo "restore drill: FAILED ($failures tables differ)"
  exit 1
fi
echo "restore drill: OK (scratch database $scratch_name dropped)"
