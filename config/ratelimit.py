"""Rate limits that hold across gunicorn workers and hosts: fixed windows counted in the shared cache.

Each request increments its counter first and is then compared with the limit (increment-then-check), so
two workers can never both see "4 of 5" and both let a request through: Redis INCR is atomic and so is
`config.cache.DatabaseCache.incr`. Counters live in their own cache ("counters" in CACHES) so that filling
the page or search cache cannot evict them.

`RateLimitMiddleware` applies the per-endpoint limits of `RULES` (search API, deadline API, feedback
tracking lookup); the feedback submission limit (per hour and per day) is applied by feedback.services
after the form is valid, so a person correcting a typo is not counted.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.api_errors import error_json_response, is_api_request
from config.network import client_ip, rate_limit_subject

COUNTERS = "counters"


@dataclass(frozen=True)
class RateLimitHit:
    """One counted request: whether it is within the limit, and when the window ends."""

    allowed: bool
    count: int
    limit: int
    retry_after: int


def rate_limit_hit(*, scope: str, subject: str, limit: int, window_seconds: int) -> RateLimitHit:
    """Count one request of `subject` in `scope`; allowed while the window's count is at most `limit`.

    Windows are aligned on local time (an hour from :00, a day from midnight in Asia/Ho_Chi_Minh).
    """
    now = time.time()
    offset = timezone.localtime().utcoffset().total_seconds()
    window = int((now + offset) // window_seconds)
    key = f"ratelimit:{scope}:{window}:{subject}"
    counters = caches[COUNTERS]
    timeout = window_seconds + 60  # outlives its window, so a counter never restarts inside it
    count = None
    for _attempt in range(2):
        counters.add(key, 0, timeout)
        try:
            count = counters.incr(key)
            break
        except ValueError:  # evicted between add and incr: add again
            continue
    if count is None:
        count = limit + 1  # the counter store refuses to count: fail closed
    elif count == 1:
        counters.touch(key, timeout)  # a key INCR created on its own would have no expiry
    retry_after = int((window + 1) * window_seconds - (now + offset)) + 1
    return RateLimitHit(allowed=count <= limit, count=count, limit=limit, retry_after=retry_after)


@dataclass(frozen=True)
class Rule:
    scope: str
    method: str
    paths: tuple[str, ...]
    setting: str
    window_seconds: int
    per: str  # "minute" / "hour" in words, for the message


# Public endpoints whose answers cost work or could be guessed at: counted per client address (IPv6: /64).
RULES = (
    Rule("search-api", "GET", ("/api/v1/search",), "SEARCH_API_RATE_LIMIT_PER_MINUTE", 60, gettext_lazy("phút")),
    Rule("deadline-api", "GET", ("/api/v1/deadline",), "DEADLINE_API_RATE_LIMIT_PER_MINUTE", 60, gettext_lazy("phút")),
    Rule(
        "feedback-lookup",
        "POST",
        ("/phan-anh-kien-nghi/tra-cuu/", "/api/v1/feedback/tra-cuu"),
        "FEEDBACK_LOOKUP_RATE_LIMIT_PER_HOUR",
        3600,
        gettext_lazy("giờ"),
    ),
)


def _rule_for(request) -> Rule | None:
    path = request.path_info
    for rule in RULES:
        if request.method == rule.method and any(path == p or path.startswith(p + "/") for p in rule.paths):
            return rule
    return None


def too_many_requests_response(request, *, message: str, retry_after: int) -> HttpResponse:
    """429 with Retry-After: the API's error body under /api/, a short Vietnamese page elsewhere."""
    if is_api_request(request):
        response = error_json_response(429, message)
    else:
        from django.template.loader import render_to_string

        body = render_to_string("429.html", {"message": message}, request=request)
        response = HttpResponse(body, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rule = _rule_for(request)
        if rule is not None:
            limit = int(getattr(settings, rule.setting))
            hit = rate_limit_hit(
                scope=rule.scope,
                subject=rate_limit_subject(client_ip(request)),
                limit=limit,
                window_seconds=rule.window_seconds,
            )
            if not hit.allowed:
                message = _(
                    "Bạn đã gửi quá %(limit)d yêu cầu trong một %(per)s từ cùng một địa chỉ mạng. "
                    "Xin vui lòng thử lại sau %(seconds)d giây."
                ) % {"limit": limit, "per": rule.per, "seconds": hit.retry_after}
                return too_many_requests_response(request, message=message, retry_after=hit.retry_after)
        return self.get_response(request)
