"""Public JSON API of the exchange app (mounted under /api/v1/ by config.api)."""

from ninja import Router

router = Router()
