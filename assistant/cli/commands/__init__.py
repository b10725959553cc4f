"""One module per CLI command; each defines ``register(app)`` and an ``ORDER`` for --help."""
