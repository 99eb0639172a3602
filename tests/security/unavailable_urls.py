"""URLs for the database-outage tests: the project's URLs plus one view on a database that cannot be opened."""

from django.db.backends.sqlite3.base import DatabaseWrapper
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

UNREACHABLE = {
    "NAME": "/nonexistent-directory/tthc/db.sqlite3",
    "ENGINE": "django.db.backends.sqlite3",
    "OPTIONS": {},
    "TIME_ZONE": None,
    "CONN_MAX_AGE": 0,
    "CONN_HEALTH_CHECKS": False,
    "AUTOCOMMIT": True,
    "ATOMIC_REQUESTS": False,
    "TEST": {},
    "USER": "",
    "PASSWORD": "",
    "HOST": "",
    "PORT": "",
}


def query_unreachable_database(request):
    """Opens a real connection to a database file whose directory does not exist (OperationalError)."""
    connection = DatabaseWrapper(dict(UNREACHABLE), alias="unreachable")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        connection.close()


urlpatterns = [
    path("thu-nghiem/co-so-du-lieu-mat/", query_unreachable_database),
    path("api/v1/thu-nghiem/co-so-du-lieu-mat", query_unreachable_database),
    *project_urlpatterns,
]
