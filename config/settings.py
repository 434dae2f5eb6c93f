"""Settings for Mini Program Console, read from the environment (and a `.env` file).

Every variable is documented in README.md and `.env.example`.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import django.forms
import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from core.security import add_static_file_headers

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(os.environ.get("ENV_FILE", BASE_DIR / ".env"))

DEBUG = env.bool("DEBUG", default=False)

# Only a development server may run on the well-known placeholder key.
INSECURE_DEV_SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=INSECURE_DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == INSECURE_DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 32 characters when DEBUG is off."
    )
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "anymail",
    "django_tasks_db",
    "axes",
    # Listed for its static files: the API's docs page then serves Swagger UI from here, not
    # from a CDN.
    "ninja",
    # Our apps, bottom layer first (README, Architecture); each imports only from those above it
    # in this list.
    "core",
    "accounts",
    "miniprograms",
    "releases",
    "members",
    "automation",
    "webhooks",
    "onboarding",
    "console",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Above everything that reads the request body; below what sets headers and the language.
    "core.bodylimit.RequestBodyLimitMiddleware",
    "core.activity.RequestIPMiddleware",
    "accounts.middleware.CurrentWorkspaceMiddleware",
    "accounts.middleware.RememberLanguageMiddleware",
    "accounts.middleware.UserTimeZoneMiddleware",
    "core.security.RefuseNullCharactersMiddleware",
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
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.workspace",
                "releases.context_processors.reviewer",
            ],
        },
    },
    # Second, so a page's name finds its Django template: the engine of forms (core.jinja2).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates", Path(django.forms.__file__).parent / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "core.jinja2.environment"},
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work during a write; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on the busy timeout instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Persistent connections: opening one (and, on SQLite, running its PRAGMAs) per request costs
# more than most of our pages' queries together.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(variable: str, default: str) -> dict:
    """The cache a URL names. A redis:// (or valkey://) URL always means Django's own Redis
    backend: django-environ would pick django-redis instead whenever that happens to be
    installed, and its options and behaviour differ. A dbcache:// URL means ours, which never
    evicts a live rate-limit attempt (core.cache)."""
    url = env.str(variable, default=default)
    if not urlsplit(url).scheme.startswith(("redis", "valkey")):
        config = env.cache_url_config(url)
        if config["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
            config["BACKEND"] = "core.cache.DatabaseCache"
        return config
    config = env.cache_url_config(url, backend="django.core.cache.backends.redis.RedisCache")
    # For this backend django-environ lowercases every query option, ?key_prefix= included,
    # and Django reads KEY_PREFIX and VERSION only in capitals; the client's OPTIONS stay as
    # written.
    return {key.upper(): value for key, value in config.items()}


CACHES = {
    "default": cache_from_url("CACHE_URL", default="dbcache://console_cache"),
    # Rendered pieces of pages (the Manage Mini Program list), keyed by what they show, so any
    # process may keep its own; each is read instead of its queries, so not a database cache.
    "fragments": cache_from_url(
        "FRAGMENT_CACHE_URL", default="locmemcache://fragments?max_entries=2000"
    ),
}

AUTH_USER_MODEL = "accounts.User"
# The tenant every activity row belongs to: named here so the core layer imports no app.
TENANT_MODEL = "accounts.Workspace"
# Axes first: it refuses a paused sign-in before any password is checked
# (accounts.sign_in_limits).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:signin"
LOGIN_REDIRECT_URL = "console:overview"
# Asked in turn after a sign-in without `next`; the first page named wins over LOGIN_REDIRECT_URL.
SIGN_IN_DESTINATIONS = ["onboarding.selectors.wizard_step_left"]
LOGOUT_REDIRECT_URL = "accounts:signin"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60 * 24)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Mail: everything leaves through Anymail (Django 6.1's MAILERS); locally the console backend
# prints it. EMAIL_FILE_PATH is where the file backend writes, when chosen.
EMAIL_BACKEND_PATH = env.str("EMAIL_BACKEND", default="anymail.backends.console.EmailBackend")
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": (
            {"file_path": env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent-mail"))}
            if EMAIL_BACKEND_PATH == "django.core.mail.backends.filebased.EmailBackend"
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Mini Program Console <console@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Any ANYMAIL_* variable becomes an Anymail setting, so every ESP is configured the same way
# (for example ANYMAIL_POSTMARK_SERVER_TOKEN, ANYMAIL_WEBHOOK_SECRET).
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_")
}

# Background work: immediate by default, the database worker (`manage.py db_worker`) in production.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Security. HTTPS settings follow DEBUG so the development server works over plain HTTP.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features no page uses, refused to every page and to anything a page might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
)
# Static files leave through WhiteNoise before the middleware above: the same headers for them.
WHITENOISE_ADD_HEADERS_FUNCTION = add_static_file_headers

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Behind a reverse proxy that sets X-Forwarded-For, the activity log records the client from it.
USE_X_FORWARDED_FOR = env.bool("USE_X_FORWARDED_FOR", default=False)

# Rate limits, "attempts/window" (window in s, m, h or d), counted in the shared cache above.
# Over a limit a client gets the 429 page until its oldest attempt leaves the window: a cool-off,
# never a permanent lock. Every sign-in counts against the account and IP sign-in limits before
# its password is checked; one that succeeds is given back.
RATE_LIMIT_SIGN_IN_PER_ACCOUNT = env.str("RATE_LIMIT_SIGN_IN_PER_ACCOUNT", default="5/15m")
RATE_LIMIT_SIGN_IN_PER_IP = env.str("RATE_LIMIT_SIGN_IN_PER_IP", default="20/15m")
RATE_LIMIT_SIGN_UP_PER_IP = env.str("RATE_LIMIT_SIGN_UP_PER_IP", default="10/1h")
RATE_LIMIT_PASSWORD_RESET_PER_IP = env.str("RATE_LIMIT_PASSWORD_RESET_PER_IP", default="10/1h")
RATE_LIMIT_PASSWORD_RESET_PER_EMAIL = env.str("RATE_LIMIT_PASSWORD_RESET_PER_EMAIL", default="3/1h")
RATE_LIMIT_INVITATION_LINK_PER_IP = env.str("RATE_LIMIT_INVITATION_LINK_PER_IP", default="30/1h")
# Devices asking the release endpoint what to run (docs/versions.md).
RATE_LIMIT_RELEASE_PER_IP = env.str("RATE_LIMIT_RELEASE_PER_IP", default="120/1m")
# Calls of the HTTP API per API token (docs/api.md), answered 429 in JSON over it.
RATE_LIMIT_API_PER_TOKEN = env.str("RATE_LIMIT_API_PER_TOKEN", default="120/1m")
# django-axes applies the two sign-in limits on every sign-in page (the console's, the admin's),
# counting through accounts.sign_in_limits in the cache, so its own tables and admin stay unused.
AXES_HANDLER = "accounts.sign_in_limits.SignInLimits"
AXES_LOCKOUT_CALLABLE = "accounts.sign_in_limits.sign_in_paused"
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_address"
# What SignInLimits counts by, as axes reports it at start-up.
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_ENABLE_ADMIN = False

# Product rules (SPEC sections 3 and 4) that an operator may tune.
ACTIVITY_PAGE_SIZE = 50
# Modules saying how each app's actions and fields read in the activity log (core.activity_text),
# so the log speaks for every layer without core importing one.
ACTIVITY_TEXTS = [
    "accounts.activity_text",
    "miniprograms.activity_text",
    "members.activity_text",
    "releases.activity_text",
    "onboarding.activity_text",
    "automation.activity_text",
    "webhooks.activity_text",
]
# Mini programs: the Alipay China release quota per workspace, logo limits (bytes; pixels read
# from the header before decoding), and whether email-validator asks DNS about the domain.
ALIPAY_CHINA_QUOTA = env.int("ALIPAY_CHINA_QUOTA", default=10)
LOGO_MAX_BYTES = env.int("LOGO_MAX_BYTES", default=256 * 1024)
LOGO_MAX_PIXELS = env.int("LOGO_MAX_PIXELS", default=2048 * 2048)
# Each scan of a progressive JPEG is a pass over every block of the image: counted from the
# markers before decoding, as a camera or editor writes about 10 and a crafted file thousands.
LOGO_MAX_JPEG_SCANS = env.int("LOGO_MAX_JPEG_SCANS", default=32)
EMAIL_CHECK_DELIVERABILITY = env.bool("EMAIL_CHECK_DELIVERABILITY", default=False)
MINI_PROGRAMS_PAGE_SIZE = 20
# Above this many mini programs in a workspace, the invite and member forms take App IDs with a
# search instead of a checkbox for each.
MINI_PROGRAM_CHECKBOX_LIMIT = env.int("MINI_PROGRAM_CHECKBOX_LIMIT", default=100)
# Versions (docs/versions.md): a package's files and their unpacked total, read from the ZIP's
# directory before anything is unpacked (its size, PACKAGE_MAX_BYTES, is with the body limits).
PACKAGE_MAX_FILES = env.int("PACKAGE_MAX_FILES", default=2000)
PACKAGE_MAX_UNPACKED_BYTES = env.int("PACKAGE_MAX_UNPACKED_BYTES", default=100 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "releases.packages.PackageUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Sections upper layers add to a mini program's page, in order: each callable takes the request
# and the mini program and returns HTML, so the mini programs app imports none of them.
MINI_PROGRAM_SECTIONS = ["releases.views.versions_section"]
# Rules of upper layers on deleting a mini program: each callable takes the mini program, raises
# a ValidationError when it must not be deleted, and returns True when deleting it asks for its
# App ID typed out.
MINI_PROGRAM_DELETE_CHECKS = ["releases.services.check_mini_program_deletable"]
# What upper layers add to each row of the Manage Mini Program list: each callable takes the
# list's queryset and returns it annotated (the live version). A change to what they read must
# move `Workspace.mini_programs_version`, under which the list is cached.
MINI_PROGRAM_LIST_ANNOTATIONS = ["releases.selectors.with_live_version"]
# How long devices and proxies may keep an answer of the release endpoint.
RELEASE_CACHE_SECONDS = env.int("RELEASE_CACHE_SECONDS", default=60)
# Where testers try an approved version: `{app_id}` and `{version}` are filled in. By default the
# console's trial page; a platform may point it at its super app's deep link instead.
TRIAL_LINK_TEMPLATE = env.str(
    "TRIAL_LINK_TEMPLATE",
    default=SITE_URL + "/console/mini-programs/{app_id}/versions/{version}/trial/",
)
# Outgoing webhooks (docs/webhooks.md) go only to public https:// addresses; this lets them go to
# plain http:// and to private and local networks too, for development only.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", default=False)
INVITATION_EXPIRY_DAYS = env.int("INVITATION_EXPIRY_DAYS", default=3)
INVITATIONS_PER_WORKSPACE_PER_DAY = env.int("INVITATIONS_PER_WORKSPACE_PER_DAY", default=50)

# Request bodies (docs/request-limits.md), refused with the 413 page before any of it is read:
# an ordinary form may send REQUEST_BODY_MAX_BYTES; a view that takes a file or an ESP's batch of
# events declares, with core.bodylimit.accepts_body_up_to, the setting of how much more.
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=64 * 1024)
WEBHOOK_BODY_MAX_BYTES = env.int("WEBHOOK_BODY_MAX_BYTES", default=1024 * 1024)
PACKAGE_MAX_BYTES = env.int("PACKAGE_MAX_BYTES", default=20 * 1024 * 1024)
# Django's own ceilings behind those: form fields and a webhook's JSON are read into memory up to
# the largest body a view without a file takes; a logo stays in memory, anything larger (a
# package) is streamed to a temporary file instead of filling a worker's memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES + WEBHOOK_BODY_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES + LOGO_MAX_BYTES

# Forms are drawn with the Jinja2 versions of Django's form templates (see core.forms_renderer).
FORM_RENDERER = "core.forms_renderer.FormRenderer"
