"""A demo loader that fails, to prove load_demo leaves nothing half-loaded."""


def load(stdout):
    raise RuntimeError("this loader always fails")
