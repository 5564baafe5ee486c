"""scripts/backup.sh and scripts/restore.sh: a backup of the stack's database and media,
restored into a fresh database and media directory, serves the same pages."""

import subprocess

import pytest

from tests.servers import (
    PUBLIC_HOST,
    REPO,
    Client,
    application_env,
    create_database,
    drop_database,
    free_port,
    gunicorn_server,
    wait_for_http,
)

pytestmark = pytest.mark.integration

URLS = ("/", "/en/", "/kalender/", "/kalender/calendar.ics", "/sitemap.xml")


def run(script, argument, env):
    result = subprocess.run(  # noqa: S603
        ["bash", str(REPO / "scripts" / script), str(argument)],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_backup_restores_into_a_fresh_database_that_serves_the_same_pages(stack, tmp_path):
    backup = tmp_path / "backup"
    out = run("backup.sh", backup, stack.env)
    assert (backup / "database.dump").stat().st_size > 0 and "media.tar.gz" in out

    restored = stack.database + "_restored"
    create_database(restored)
    media = tmp_path / "media"
    # No Redis: the restored copy uses the database cache, so nothing is shared with the
    # original but what the backup carried.
    env = application_env(database=restored, media_root=media, static_root=stack.static_root)
    server = None
    try:
        run("restore.sh", backup, env)
        assert files(media) == files(stack.media_root)

        port = free_port()
        server = gunicorn_server(tmp_path, port, env, workers=1).start()
        wait_for_http(server, f"http://127.0.0.1:{port}/healthz", timeout=120)
        copy = Client(f"http://127.0.0.1:{port}", host=PUBLIC_HOST)
        original = stack.client("gunicorn")
        for url in URLS:
            mine, theirs = copy.get(url), original.get(url)
            assert mine.status == theirs.status == 200, url
            assert mine.body == theirs.body, url
    finally:
        if server:
            server.stop()
        drop_database(restored)


def files(root):
    return sorted(path.relative_to(root) for path in root.rglob("*"))
