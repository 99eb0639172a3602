"""Public JSON API of the feedback app (mounted under /api/v1/ by config.api)."""

from ninja import Router

router = Router()
