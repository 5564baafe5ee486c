"""HTTP caching: what shared caches may keep, and how published changes purge them."""
