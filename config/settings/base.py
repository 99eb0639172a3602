"""Settings shared by every environment. Values come from environment variables (see .env.example)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Project apps: catalog is the domain; the others build on it; cms presents.
    "catalog.apps.CatalogConfig",
    "search.apps.SearchConfig",
    "exchange.apps.ExchangeConfig",
    "feedback.apps.FeedbackConfig",
    "timeliness.apps.TimelinessConfig",
    "cms.apps.CmsConfig",
    "config.apps.ProjectConfig",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    # Security: login throttling, Content-Security-Policy
    "axes",
    "csp",
    # Swagger UI and ReDoc served from this site's static files (the CSP allows no CDN).
    "ninja",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "config.metrics.RequestMetricsMiddleware",
    # The client address (TRUSTED_PROXIES), once per request, for rate limits, axes, logs and audit records.
    "config.network.ClientAddressMiddleware",
    # A Vietnamese 503 page (JSON under /api/) while the database cannot be reached.
    "config.unavailable.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.security.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Hostile input (bodies too large, JSON too deep or not as documented, lone surrogates, digits that are
    # not 0-9 in query parameters) is answered 400/413 here, before any view parses it.
    "config.inputs.RequestInputMiddleware",
    # Per-client limits of the search API, the deadline API and the feedback tracking lookup.
    "config.ratelimit.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: every page is Vietnamese whatever language the browser asks for (an English
    # browser must not turn Django's form errors or the staff admin English). Staff who want English
    # choose it in their Wagtail account (WAGTAILADMIN_PERMITTED_LANGUAGES).
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Agency scope on every admin URL that names an object, and on every admin listing (catalog.admin_scope).
    "catalog.admin_scope.AdminScopeMiddleware",
    # Last, as django-axes requires: turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Django's template form renderer, with plain inputs, text areas and selects written out (config.forms).
FORM_RENDERER = "config.forms.FormRenderer"

# Database: PostgreSQL when DATABASE_URL is set, otherwise an embedded SQLite file.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,  # a connection kept across a PostgreSQL restart is replaced, not a 503
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A 64 MB page cache and memory-mapped reads (SQLite's defaults: 2 MB, none): search ranking reads the
    # full-text postings and the documents of thousands of candidates per query.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The client address behind reverse proxies: X-Forwarded-For is believed only from TRUSTED_PROXIES
# (comma-separated addresses or CIDR networks; default none), read from the right, the right-most address
# that is not a trusted proxy winning (config.network.client_ip). Rate limits, django-axes, log lines and the
# personal-data access log all use it.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])

# Staff accounts: django-axes counts failed logins per (username, client address) and locks that pair out
# for AXES_COOLOFF_MINUTES after AXES_FAILURE_LIMIT failures, so one attacker cannot lock an account out for
# everyone. The address is config.network.client_ip's; axes keeps its records in the database.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "config.network.axes_client_ip"

# Staff sessions: a working day at most, and gone when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp 4). Public pages: scripts only from this site or with the
# per-request nonce (`<script nonce="{{ request.csp_nonce }}">`); inline styles are allowed (a few
# templates use style attributes). The Wagtail admin renders inline <script> in InlinePanel and date
# widgets, so config.security.SiteCSPMiddleware relaxes script-src for the ADMIN prefixes only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
CSP_ADMIN_SCRIPT_SRC = [SELF, UNSAFE_INLINE]

# Internationalisation: Vietnamese first.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Day-first dates (dd/mm/yyyy) in every form and the admin's date picker (config/formats/vi).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "assets"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request size limits. The reverse proxy refuses larger bodies first (client_max_body_size, README); gunicorn
# bounds the request line and headers (gunicorn.conf.py). Django: a form or JSON body (files excepted) up to
# DATA_UPLOAD_MAX_MEMORY_SIZE bytes, and any body up to REQUEST_BODY_MAX_BYTES (Content-Length; attachments
# included) or 413 before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 12 * 1024 * 1024)
# JSON bodies nested deeper than this are refused (400) before any view parses them.
REQUEST_JSON_MAX_DEPTH = env_int("REQUEST_JSON_MAX_DEPTH", 20)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tthc@localhost")

# /metrics (Prometheus text format): only with `Authorization: Bearer <METRICS_TOKEN>`; 404 while unset.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")

# The shared cache: rendered pages, search answers, rate-limit counters. Every gunicorn worker and host must
# see the same counters, so never a per-process memory cache: Redis when REDIS_URL is set (redis://host:6379/0),
# otherwise tables in the database (created by `migrate`). "counters" holds only rate-limit counters, so
# filling the page cache can never evict them.
REDIS_URL = env_str("REDIS_URL", "")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "tthc")
# Names the deployed release in cached pages' keys (config.release); empty: a hash of the code is used.
RELEASE_ID = env_str("RELEASE_ID", "")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}:{alias}",
        }
        for alias in ("default", "counters")
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.DatabaseCache",
            "LOCATION": "tthc_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
        "counters": {
            "BACKEND": "config.cache.DatabaseCache",
            "LOCATION": "tthc_cache_counters",
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        },
    }

# Background tasks (search index updates, notifications).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Thủ tục hành chính tỉnh Sóc Trăng")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public site's address, for links that leave the browser: QR captions on printed postings, e-mails.
SITE_BASE_URL = env_str("SITE_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAIL_I18N_ENABLED = False
# The admin's date pickers show and read dates the Vietnamese way; each must be one of the input formats above.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "rtf", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Procedure search (search/): Elasticsearch when ELASTICSEARCH_URL is set, else the database.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
# The province the catalog serves: CPSV-AP exports name it as the competent authorities' region (dct:spatial).
EXCHANGE_REGION_NAME = env_str("EXCHANGE_REGION_NAME", "Tỉnh Sóc Trăng")
# The province as the annex heading names it: "... của Chủ tịch Ủy ban nhân dân {EXCHANGE_PROVINCE_NAME}".
EXCHANGE_PROVINCE_NAME = env_str("EXCHANGE_PROVINCE_NAME", "tỉnh Sóc Trăng")
# Atom entry ids are tag: URIs (RFC 4151): tag:{authority},{date}:... The authority defaults to the host
# serving the feed; the date is one on which the province owned that domain name.
ATOM_TAG_AUTHORITY = env_str("ATOM_TAG_AUTHORITY", "")
ATOM_TAG_DATE = env_str("ATOM_TAG_DATE", "2019")
# A procedure's page on the national public service portal; {code} is its national code.
NATIONAL_PORTAL_PROCEDURE_URL = env_str(
    "NATIONAL_PORTAL_PROCEDURE_URL",
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}",
)
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "tthc")
SEARCH_TIMEOUT_SECONDS = float(env_str("SEARCH_TIMEOUT_SECONDS", "1.0"))
# Answers to the same query are reused this long (0 = off); any index, synonym or best-bet change clears them.
SEARCH_RESULTS_CACHE_SECONDS = env_int("SEARCH_RESULTS_CACHE_SECONDS", 60)
# The levels the province handles, nearest the citizen first: search prefers procedures handled there.
SEARCH_PROVINCE_LEVELS = env_str("SEARCH_PROVINCE_LEVELS", "xa,huyen,tinh")
# Yearly dossiers at which a procedure's popularity prior is full (log scale below).
SEARCH_DEMAND_FULL = env_int("SEARCH_DEMAND_FULL", 1000)

# Deadline rules (domain guide); each is a setting with the legal default.
CATALOG_SAME_DAY_CUTOFF = env_str("CATALOG_SAME_DAY_CUTOFF", "15:00")
CATALOG_OFFICE_HOURS = env_str("CATALOG_OFFICE_HOURS", "07:00-11:30,13:00-17:00")
CATALOG_DECISION_LEAD_WORKING_DAYS = env_int("CATALOG_DECISION_LEAD_WORKING_DAYS", 5)
CATALOG_NATIONAL_ENTRY_WORKING_DAYS = env_int("CATALOG_NATIONAL_ENTRY_WORKING_DAYS", 5)
CATALOG_REPOSTING_WORKING_DAYS = env_int("CATALOG_REPOSTING_WORKING_DAYS", 5)

# Feedback (feedback/): private attachments outside MEDIA_ROOT, deadlines in working days, abuse limits.
FEEDBACK_PRIVATE_ROOT = Path(env_str("FEEDBACK_PRIVATE_ROOT", str(BASE_DIR / "var" / "private")))
FEEDBACK_HANDLING_WORKING_DAYS = env_int("FEEDBACK_HANDLING_WORKING_DAYS", 10)
FEEDBACK_FORWARDING_WORKING_DAYS = env_int("FEEDBACK_FORWARDING_WORKING_DAYS", 5)
FEEDBACK_RATE_LIMIT_PER_HOUR = env_int("FEEDBACK_RATE_LIMIT_PER_HOUR", 5)
FEEDBACK_RATE_LIMIT_PER_DAY = env_int("FEEDBACK_RATE_LIMIT_PER_DAY", 20)
# Attachments of one submission: at most this many files and bytes in total (within REQUEST_BODY_MAX_BYTES).
FEEDBACK_MAX_ATTACHMENTS = env_int("FEEDBACK_MAX_ATTACHMENTS", 5)
FEEDBACK_MAX_ATTACHMENTS_BYTES = env_int("FEEDBACK_MAX_ATTACHMENTS_BYTES", 10 * 1024 * 1024)
# Identical content from the same contact within this many hours is registered once (409 afterwards).
FEEDBACK_DUPLICATE_WINDOW_HOURS = env_int("FEEDBACK_DUPLICATE_WINDOW_HOURS", 24)

# Per-client limits of public endpoints (config.ratelimit; 429 with Retry-After beyond them).
FEEDBACK_LOOKUP_RATE_LIMIT_PER_HOUR = env_int("FEEDBACK_LOOKUP_RATE_LIMIT_PER_HOUR", 60)
SEARCH_API_RATE_LIMIT_PER_MINUTE = env_int("SEARCH_API_RATE_LIMIT_PER_MINUTE", 300)
DEADLINE_API_RATE_LIMIT_PER_MINUTE = env_int("DEADLINE_API_RATE_LIMIT_PER_MINUTE", 120)

# Absolute links in e-mails (the public site's address, without a trailing slash).
SITE_BASE_URL = env_str("SITE_BASE_URL", WAGTAILADMIN_BASE_URL).rstrip("/")
FEEDBACK_RETENTION_DAYS = env_int("FEEDBACK_RETENTION_DAYS", 1825)

# On-time statistics (timeliness/): agencies below this on-time rate (%) are flagged for staff.
TIMELINESS_ON_TIME_THRESHOLD = env_str("TIMELINESS_ON_TIME_THRESHOLD", "95")

# LOG_FORMAT=json writes one JSON object per line (production default; see config/logging.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "config.logging.JsonFormatter"},
    },
    "filters": {"client_ip": {"()": "config.network.ClientAddressLogFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_str("LOG_FORMAT", "plain"),
            "filters": ["client_ip"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
