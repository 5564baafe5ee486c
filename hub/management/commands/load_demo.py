"""`manage.py load_demo`: idempotent demo content from every app, plus an admin login."""

import importlib
import logging
import os
import secrets
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

# Each module has `load(stdout)`; they run in this order, in one transaction.
LOADERS = [
    "hub.demo.site",
    "hub.demo.community",
    "hub.demo.projects",
    "hub.demo.tags",  # after every loader that tags pages
]

ADMIN_USERNAME = "admin"
PASSWORD_FILE = settings.BASE_DIR / ".demo-admin-password"
QUIET_LOGGERS = ("django_tasks", "wagtail", "modelsearch")


@contextmanager
def quiet_logging(enabled):
    """Silence the per-task INFO lines Wagtail logs for every saved page."""
    loggers = [logging.getLogger(name) for name in QUIET_LOGGERS] if enabled else []
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def demo_password():
    """(password, source): DEMO_ADMIN_PASSWORD, else the stored one, else a new one stored."""
    from_env = os.environ.get("DEMO_ADMIN_PASSWORD")
    if from_env:
        return from_env, "DEMO_ADMIN_PASSWORD"
    if PASSWORD_FILE.exists():
        stored = PASSWORD_FILE.read_text(encoding="utf-8").strip()
        if stored:
            return stored, str(PASSWORD_FILE)
    password = secrets.token_urlsafe(12)
    PASSWORD_FILE.write_text(password + "\n", encoding="utf-8")
    PASSWORD_FILE.chmod(0o600)
    return password, f"{PASSWORD_FILE} (new)"


class Command(BaseCommand):
    help = "Load the demo content of every app (idempotent) and make sure an admin user exists."

    def handle(self, *args, verbosity=1, **options):
        with quiet_logging(verbosity < 2), transaction.atomic():
            for dotted_path in LOADERS:
                self.stdout.write(self.style.MIGRATE_HEADING(f"Loading {dotted_path}"))
                importlib.import_module(dotted_path).load(self.stdout)
            password, note = self.ensure_admin()
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Log in to the admin"))
        self.stdout.write(f"  URL:      {base_url}/admin/")
        self.stdout.write(f"  User:     {ADMIN_USERNAME}")
        if password:
            self.stdout.write(f"  Password: {password}   (from {note})")
        else:
            self.stdout.write(f"  Password: {note}")

    def ensure_admin(self):
        """Create the `admin` superuser if missing; return (password or None, note)."""
        User = get_user_model()
        user = User.objects.filter(username=ADMIN_USERNAME).first()
        from_env = bool(os.environ.get("DEMO_ADMIN_PASSWORD"))
        if user is None:
            password, source = demo_password()
            User.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", password)
            self.stdout.write(f"  created superuser {ADMIN_USERNAME}")
            return password, source
        if from_env or PASSWORD_FILE.exists():
            password, source = demo_password()
            if from_env and not user.check_password(password):
                # The environment is explicit about the password it wants.
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write(f"  reset the password of {ADMIN_USERNAME}")
            if user.check_password(password):
                return password, source
        return None, "unchanged (set DEMO_ADMIN_PASSWORD and run load_demo again to reset it)"
