#!/usr/bin/env bash
# Backup: pg_dump (custom format) of DATABASE_URL, plus tarballs of MEDIA_ROOT and the private feedback
# attachments (FEEDBACK_PRIVATE_ROOT), into BACKUP_DIR/<UTC timestamp>/; keeps the newest BACKUP_KEEP sets.
#
#   DATABASE_URL=postgres://u:p@host:5432/db MEDIA_ROOT=/srv/media FEEDBACK_PRIVATE_ROOT=/srv/private \
#   BACKUP_DIR=/srv/backups BACKUP_KEEP=14 bash scripts/backup.sh
# Cron (daily, 01:30): 30 1 * * * cd /app && bash scripts/backup.sh >> /var/log/tthc-backup.log 2>&1
# Prints the directory it wrote. Restore with scripts/restore_drill.sh (verifies) or pg_restore by hand.
#
# Encryption (optional): with BACKUP_GPG_RECIPIENT (a key fingerprint or e-mail in the keyring of the user
# running the backup, GNUPGHOME honoured) every archive is encrypted to that public key as NAME.gpg and the
# plain file is removed; only the holder of the private key can restore (restore_drill.sh decrypts with it).
# The set then holds database.dump.gpg, media.tar.gz.gpg, private.tar.gz.gpg and SHA256SUMS of those.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
case "$DATABASE_URL" in postgres://* | postgresql://*) ;; *) echo "backup: DATABASE_URL is not PostgreSQL" >&2; exit 2 ;; esac
BACKUP_DIR="${BACKUP_DIR:-var/backups}"
BACKUP_KEEP="${BACKUP_KEEP:-14}"
MEDIA_ROOT="${MEDIA_ROOT:-media}"
FEEDBACK_PRIVATE_ROOT="${FEEDBACK_PRIVATE_ROOT:-var/private}"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$BACKUP_DIR/$stamp"
mkdir -p "$target"
chmod 700 "$target"

pg_dump --format=custom --no-owner --no-privileges --file="$target/database.dump" "$DATABASE_URL"
for name in media:"$MEDIA_ROOT" private:"$FEEDBACK_PRIVATE_ROOT"; do
  label="${name%%:*}"
  dir="${name#*:}"
  if [ -d "$dir" ]; then
    tar -C "$dir" -czf "$target/$label.tar.gz" .
  else
    tar -czf "$target/$label.tar.gz" -T /dev/null  # an empty archive: the set is always complete
  fi
done
files=(database.dump media.tar.gz private.tar.gz)
if [ -n "${BACKUP_GPG_RECIPIENT:-}" ]; then
  for name in "${files[@]}"; do
    gpg --batch --yes --quiet --trust-model always --recipient "$BACKUP_GPG_RECIPIENT" \
      --output "$target/$name.gpg" --encrypt "$target/$name"
    rm -f -- "$target/$name"
  done
  files=("${files[@]/%/.gpg}")
fi
(cd "$target" && sha256sum "${files[@]}" > SHA256SUMS)

# Retention: keep the newest BACKUP_KEEP timestamped sets.
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '????????T??????Z' | sort -r | tail -n +"$((BACKUP_KEEP + 1))" |
  while read -r old; do rm -rf -- "$old"; done

echo "$target"
