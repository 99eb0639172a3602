"""Error answers for the whole site: a Vietnamese 500 page, and the API's error body under /api/."""

from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

from config.api_errors import error_json_response, is_api_request


def server_error(request, template_name="500.html"):
    """handler500: JSON {"detail", "errors"} for API clients, templates/500.html (self-contained) for people."""
    if is_api_request(request):
        return error_json_response(500, _("Lỗi hệ thống; vui lòng thử lại sau ít phút."))
    return django_server_error(request, template_name=template_name)
