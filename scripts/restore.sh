#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into the database DATABASE_URL (which must exist;
# an empty database is best) and the media folder MEDIA_ROOT.
#
#   createdb -h host -U user blok_restored
#   DATABASE_URL=postgres://user@host:5432/blok_restored MEDIA_ROOT=/srv/blok/media \
#       scripts/restore.sh backups/blok-20261126T120000Z
#
# Existing tables of the same name are replaced (pg_restore --clean). See docs/backup.md.
set -euo pipefail
cd "$(dirname "$0")/.."

backup="${1:?Pfad der Sicherung fehlt (Ordner mit database.dump und media.tar.gz)}"
: "${DATABASE_URL:?DATABASE_URL fehlt (postgres://…)}"
MEDIA_ROOT="${MEDIA_ROOT:-media}"

(cd "$backup" && sha256sum --check --quiet SHA256SUMS)
pg_restore --dbname="$DATABASE_URL" --clean --if-exists --no-owner --no-acl --exit-on-error \
    "$backup/database.dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$backup/media.tar.gz"
echo "Wiederhergestellt: $backup -> Datenbank und $MEDIA_ROOT"
