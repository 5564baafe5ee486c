#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into a fresh database and media directory,
# then bring the schema up to this code's migrations.
#
#   scripts/restore.sh DIR
#
# The database (DATABASE_URL, else the PG* variables) must exist and be empty (createdb);
# MEDIA_ROOT must be empty or missing. Run with the same environment as the application
# (DJANGO_SETTINGS_MODULE, SECRET_KEY, ...): it runs `manage.py migrate` at the end.
set -euo pipefail

src=${1:?usage: scripts/restore.sh DIR}
media=${MEDIA_ROOT:?MEDIA_ROOT must name the (new) media directory}
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}
[ -x "$python" ] || python=python3

for file in database.dump media.tar.gz; do
    [ -f "$src/$file" ] || { echo "restore: $src/$file is missing" >&2; exit 1; }
done
if [ -d "$media" ] && [ -n "$(ls -A "$media")" ]; then
    echo "restore: MEDIA_ROOT $media is not empty; restore into a fresh directory" >&2
    exit 1
fi

target=()
if [ -n "${DATABASE_URL:-}" ]; then target=(--dbname "$DATABASE_URL"); else target=(--dbname "${PGDATABASE:?set DATABASE_URL or PGDATABASE}"); fi
tables=$(psql "${target[1]}" -Atc "select count(*) from pg_tables where schemaname = 'public'")
if [ "$tables" != "0" ]; then
    echo "restore: the database already has $tables tables; restore into a fresh one" >&2
    exit 1
fi

pg_restore --no-owner --no-privileges --exit-on-error "${target[@]}" "$src/database.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$src/media.tar.gz"
"$python" "$here/manage.py" migrate --noinput
echo "restore: database and media restored from $src"
