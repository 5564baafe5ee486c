"""Placeholder: replaced in this session."""


def connect():
    pass
