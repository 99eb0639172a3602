"""Public JSON API of the timeliness app (mounted under /api/v1/ by config.api)."""

from ninja import Router

router = Router()
