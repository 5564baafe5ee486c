"""Site-wide signal handlers."""


def connect():
    pass
