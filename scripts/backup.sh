#!/usr/bin/env bash
# Backup of BLOK CMS: the database (PostgreSQL custom-format dump) and the media folder.
#
#   DATABASE_URL=postgres://user@host:5432/blok MEDIA_ROOT=/srv/blok/media scripts/backup.sh [TARGET_DIR]
#
# Writes TARGET_DIR/blok-<UTC timestamp>/{database.dump,media.tar.gz,SHA256SUMS} and prints the
# folder. Consistent while the site runs (pg_dump takes a snapshot). See docs/backup.md.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?DATABASE_URL fehlt (postgres://…)}"
case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) echo "scripts/backup.sh sichert PostgreSQL-Datenbanken (DATABASE_URL=postgres://…)." >&2; exit 2 ;;
esac
MEDIA_ROOT="${MEDIA_ROOT:-media}"
target="${1:-backups}/blok-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$target"

pg_dump --dbname="$DATABASE_URL" --format=custom --no-owner --no-acl --file="$target/database.dump"
if [ -d "$MEDIA_ROOT" ]; then
    tar -C "$MEDIA_ROOT" -czf "$target/media.tar.gz" .
else
    tar -czf "$target/media.tar.gz" --files-from=/dev/null
fi
(cd "$target" && sha256sum database.dump media.tar.gz > SHA256SUMS)
echo "$target"
