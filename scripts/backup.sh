#!/usr/bin/env bash
# Back up the hub: the PostgreSQL database (pg_dump custom format) and the media files.
#
#   scripts/backup.sh DIR
#
# writes DIR/database.dump and DIR/media.tar.gz. The database is the one DATABASE_URL names,
# else the libpq PG* variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE), as for the
# application; MEDIA_ROOT is the media directory. Restore with scripts/restore.sh.
set -euo pipefail

dest=${1:?usage: scripts/backup.sh DIR}
media=${MEDIA_ROOT:?MEDIA_ROOT must name the media directory}
[ -d "$media" ] || { echo "backup: MEDIA_ROOT $media is not a directory" >&2; exit 1; }
mkdir -p "$dest"

target=()
if [ -n "${DATABASE_URL:-}" ]; then target=(--dbname "$DATABASE_URL"); fi

# Write under temporary names, so an interrupted backup never looks complete.
pg_dump --format=custom --no-owner --no-privileges "${target[@]}" --file "$dest/database.dump.part"
tar -C "$media" -czf "$dest/media.tar.gz.part" .
mv "$dest/database.dump.part" "$dest/database.dump"
mv "$dest/media.tar.gz.part" "$dest/media.tar.gz"
echo "backup: $dest/database.dump ($(du -h "$dest/database.dump" | cut -f1)), $dest/media.tar.gz ($(du -h "$dest/media.tar.gz" | cut -f1))"
