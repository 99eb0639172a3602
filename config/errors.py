"""Error answers for the whole site: a Vietnamese 500 page, and the API's error body under /api/."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error


def server_error(request, template_name="500.html"):
    """handler500: JSON {"detail", "errors"} for API clients, templates/500.html (self-contained) for people."""
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"detail": _("Lỗi hệ thống; vui lòng thử lại sau ít phút."), "errors": []},
            status=500,
            json_dumps_params={"ensure_ascii": False},
        )
    return django_server_error(request, template_name=template_name)
