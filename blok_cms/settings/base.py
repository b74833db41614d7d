"""Base settings for BLOK CMS.

Production-safe: everything that differs between machines comes from the environment.
``dev.py`` adds the insecure conveniences, ``test.py`` makes the suite fast and
``production.py`` refuses to start without a real secret.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so their templates override Wagtail's defaults.
    "home",
    "events",
    "documents_app",
    "participants",
    "search",
    "accessibility",  # BITV 2.0 § 4 and § 7: Leichte Sprache, Gebärdensprache, Barriere melden
    "ops",  # Production: health check, robots/sitemap, security headers, page cache
    # Wagtail
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "django.forms",  # Django's widget templates for the site's form renderer (FORM_RENDERER)
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Control characters in paths, query parameters and cookies never reach a view (400 / cleaned).
    "ops.middleware.InputGuardMiddleware",
    # --- Production: anonymous page cache, security headers, compression.
    # After WhiteNoise (static files need none of it), before the session middleware, so that
    # a cached page is answered without touching session, auth or database. The policy headers
    # and GZip inside the page cache: a page is stored with its headers and compressed (keyed by
    # encoding), and a hit is neither compressed nor given its headers again.
    "ops.pagecache.PageCacheMiddleware",
    "ops.middleware.ContentSecurityPolicyMiddleware",
    "ops.middleware.PermissionsPolicyMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "ops.datacache.SiteMiddleware",
    # --- end Production
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the user read in the session's query (home/sessions.py).
    "home.sessions.AuthenticationMiddleware",
    # A logged-in user's groups and permissions from the shared cache (ops/authcache.py).
    "ops.authcache.AuthFactsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "blok_cms.urls"

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

WSGI_APPLICATION = "blok_cms.wsgi.application"

# Database: DATABASE_URL, default an SQLite file in the project folder.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: German for people, Europe/Berlin for dates.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
# The project's own German: input formats (blok_cms/formats/de) and translation overrides
# (locale/de, compiled .mo committed) for the few English or technical words Wagtail shows.
FORMAT_MODULE_PATH = ["blok_cms.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Editors type and the admin's date picker writes German dates: "16.09.2027 09:30".
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# Static and media files. whitenoise serves static files compressed with hashed names.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Production: let Django serve image renditions when nothing else does (docs/deployment.md).
SERVE_MEDIA_IMAGES = env_bool("SERVE_MEDIA_IMAGES", True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Caches: Redis when REDIS_URL is set, local memory otherwise.
# "pages" is the full-page cache for anonymous readers (ops/pagecache.py). It must be shared by
# all worker processes: Redis, or without Redis a file cache (one machine only).
REDIS_URL = os.environ.get("REDIS_URL", "")
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))  # longest possible staleness
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)  # full-page cache for anonymous readers
PAGE_CACHE_ALIAS = "pages"  # the cache (CACHES below) that holds whole pages
# Paths never stored in the page cache (the admin renders per user).
PAGE_CACHE_EXCLUDE_PREFIXES = ("/admin/",)
# A request carrying one of these cookies always goes to Django: the session (Django's default
# SESSION_COOKIE_NAME; change both together) and Django's cookie-based messages.
PAGE_CACHE_BYPASS_COOKIES = ("sessionid", "messages")
# Further "app_label.modelname"s whose saves do not clear the page cache (logs, counters).
PAGE_CACHE_IGNORED_MODELS = ()
# The query parameters each page type (or view, "view:<url name>") uses; only these are part of a
# page-cache key. Types and views not listed are stored only without a query string.
PAGE_CACHE_QUERY_PARAMS = {
    "home.homepage": (),
    "home.standardpage": (),
    "home.impressumpage": (),
    "home.privacypage": (),
    "home.accessibilitypage": (),
    "events.eventpage": (),
    "events.eventindexpage": ("typ", "page"),
    "documents_app.documentindexpage": ("q", "kategorie", "jahr", "typ", "sortierung", "page"),
    "participants.participantindexpage": ("land", "art"),
    "view:search": ("q", "page"),
    "view:robots_txt": (),
    "view:sitemap": ("p",),
}
# Models that change without changing what most pages show: a registration changes the free seats
# of its event only, so it drops just that event's page and calendar file
# (events/signal_handlers.py) instead of the whole page cache.
PAGE_CACHE_IGNORED_MODELS = ("events.registration",)
# Shared cache for the site lookup, the menu's top level and the next events (ops/datacache.py).
DATA_CACHE_ENABLED = env_bool("DATA_CACHE_ENABLED", True)
# Per process, the data cache's entries are also kept in memory up to this size (ops/datacache.py).
DATA_CACHE_LOCAL_BYTES = int(os.environ.get("DATA_CACHE_LOCAL_MB", "16")) * 1024 * 1024
# The same for pages of the page cache (ops/pagecache.py): a hit reads only the version token.
PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_MB", "32")) * 1024 * 1024
# Rendered fragments (menu, listings) shared by readers who see the same (ops/fragmentcache.py);
# only with the data cache on.
FRAGMENT_CACHE_ENABLED = True
# Redis fails soft (ops/cache.py): short socket timeouts, errors are cache misses, and after a
# failure the process skips Redis for REDIS_RETRY_AFTER seconds. Wagtail itself reads the default
# cache on every page (Site.get_site_root_paths), so this is what keeps the site up without Redis.
REDIS_OPTIONS = {
    "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.25")),
    "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
    "RETRY_AFTER": float(os.environ.get("REDIS_RETRY_AFTER", "5")),
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "ops.cache.FaultTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "blok"),
            "TIMEOUT": 300,
            "OPTIONS": dict(REDIS_OPTIONS),
        },
        "pages": {
            "BACKEND": "ops.cache.FaultTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "blok") + "-pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
            # Invalidations lost while Redis was away: drop every cached page when it is back.
            "OPTIONS": {**REDIS_OPTIONS, "ON_RECOVERY": "ops.pagecache.on_cache_recovery"},
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "blok-default",
            "TIMEOUT": 300,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / ".local" / "page-cache")),
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
    }

# Wagtail
WAGTAIL_SITE_NAME = "Benchlearning der Optionskommunen"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "documents_app.BlokDocument"
# Every download passes Django, so collection privacy is enforced (see docs/privacy.md).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_FRONTEND_LOGIN_URL = "/anmelden/"
# Privacy is "members only" (groups, login); shared passwords are not offered (see blok_cms/urls.py).
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILADMIN_USER_LOGIN_FORM = "home.admin_login.GermanLoginForm"
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "german",
    }
}
# --- Site search (search app, docs/search.md) ---------------------------------------------------
# Default: the database backend with German word forms and umlaut folding on SQLite and PostgreSQL.
# SEARCH_BACKEND=elasticsearch|opensearch with SEARCH_URL (comma-separated) switches to a search
# server; its index then uses Elasticsearch's own German analysis.
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database").strip().lower()
if SEARCH_BACKEND in {"elasticsearch", "opensearch"}:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get(
                "SEARCH_BACKEND_MODULE",
                "wagtail.search.backends.elasticsearch8"
                if SEARCH_BACKEND == "elasticsearch"
                else "wagtail.search.backends.opensearch2",
            ),
            "URLS": env_list("SEARCH_URL", "http://localhost:9200"),
            "INDEX": os.environ.get("SEARCH_INDEX", "blok"),
            "TIMEOUT": int(os.environ.get("SEARCH_TIMEOUT", "5")),
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "analyzer": {
                            "default": {
                                "tokenizer": "standard",
                                "filter": ["lowercase", "german_normalization", "german_light_stem"],
                            }
                        },
                        "filter": {"german_light_stem": {"type": "stemmer", "language": "light_german"}},
                    }
                }
            },
        }
    }
elif SEARCH_BACKEND == "database":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "german"}}
else:
    raise ImproperlyConfigured("SEARCH_BACKEND must be 'database', 'elasticsearch' or 'opensearch'.")
# Autosave off: on a new page it stores an invisible draft page as soon as an editor types, and a
# second attempt then fails with a slug conflict. Editors save with "Entwurf speichern".
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["bold", "italic", "h3", "ol", "ul", "link", "document-link"]},
    }
}

# Data protection: registrations are deleted this many days after the event's end (daily job).
EVENTS_REGISTRATION_RETENTION_DAYS = int(os.environ.get("EVENTS_REGISTRATION_RETENTION_DAYS", "30"))
# Domain part of the iCalendar UIDs (<translation key>@…): never change it, calendars key on it.
EVENTS_ICAL_UID_DOMAIN = "blok.optionskommunen"

# --- Periodic jobs (ops/scheduler.py, docs/scheduler.md) -----------------------------------------
# (management command, interval in seconds). ``manage.py run_scheduler`` runs them; ``make run``
# and ``make serve`` start it by themselves. Add your own job as one more tuple.
PERIODIC_JOBS = [
    ("publish_scheduled", 60),  # Wagtail: publish/unpublish pages at their go-live/expiry time
    ("delete_old_registrations", 24 * 60 * 60),  # data protection: registrations after the event
    ("clearsessions", 24 * 60 * 60),  # expired sessions out of the database
]
if SEARCH_BACKEND != "database":
    # The database backend is kept current by Wagtail's signals; a search server can drift
    # (outage during a save), so its index is rebuilt nightly.
    PERIODIC_JOBS.append(("update_index", 24 * 60 * 60))
SCHEDULER_ENABLED = env_bool("SCHEDULER_ENABLED", True)  # started by make run / gunicorn
SCHEDULER_TICK_SECONDS = float(os.environ.get("SCHEDULER_TICK_SECONDS", "1"))
SCHEDULER_STATE_DIR = Path(os.environ.get("SCHEDULER_STATE_DIR", BASE_DIR / ".local"))
# Several machines sharing Redis elect one scheduler through a lease in the cache.
SCHEDULER_CLUSTER_LOCK = env_bool("SCHEDULER_CLUSTER_LOCK", bool(REDIS_URL))

LOGIN_URL = "/anmelden/"
LOGIN_REDIRECT_URL = "/interner-bereich/"
LOGOUT_REDIRECT_URL = "/"

# Email (console in development, SMTP through env in production).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "BLOK <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security defaults that hold everywhere; production.py tightens transport security.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Database sessions whose row names the user: session and user in one query (home/sessions.py).
SESSION_ENGINE = "home.sessions"
CSRF_COOKIE_HTTPONLY = True
# Messages ("Gespeichert.") live in the session of the logged-in member or editor: no extra
# "messages" cookie, so the cookie list in the Datenschutz text stays complete.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# The CSRF cookie (set only by the pages with a form) lives for the browser session, as the
# Datenschutz text says; the session cookie after login keeps Django's two weeks.
CSRF_COOKIE_AGE = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Security headers -------------------------------------------------------------
# Content-Security-Policy (django-csp 4): the public site loads everything from its own origin;
# no inline scripts or styles. JSON-LD (<script type="application/ld+json">) is data, not code,
# and needs no exception. The Wagtail admin still uses inline scripts and styles, so it gets its
# own policy (ops.middleware.ContentSecurityPolicyMiddleware, ADMIN_URL_PREFIXES).
MEDIA_HOST = os.environ.get("MEDIA_HOST", "")  # e.g. https://media.example.org for S3 images
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MEDIA_HOST] if MEDIA_HOST else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *([MEDIA_HOST] if MEDIA_HOST else [])],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "frame-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar requests to a third party from the admin
# --- end Security headers -------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    # Secret tokens in URLs (calendar address, unsubscribe link) never reach a log line.
    "filters": {"redact_secret_paths": {"()": "blok_cms.log_redaction.RedactSecretPaths"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_secret_paths"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}


def require_secret_key():
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment.")


# --- Dokumente and Interner Bereich -------------------------------------------------
# Members' login throttling with django-axes: after 5 failed attempts for the same user name from
# the same address, 15 minutes lock (German message on the login page, HTTP 429).
INSTALLED_APPS += ["axes"]  # noqa: F405
MIDDLEWARE += [  # noqa: F405
    "home.middleware.PrivateResponseMiddleware",
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "home.accounts.ThrottledLoginBackend",
    "home.accounts.UsernameOrEmailBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCK_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "home.accounts.lockout_response"
# The lock keys on the account (lower-cased user name; an address resolves to its account) and on
# the real client: X-Forwarded-For counts only from TRUSTED_PROXIES (ops/clientip.py).
AXES_USERNAME_CALLABLE = "home.accounts.axes_username"
AXES_CLIENT_IP_CALLABLE = "ops.clientip.axes_client_ip"
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# One client failing for this many different accounts within the lock time is locked out as a whole.
LOGIN_CLIENT_USERNAME_LIMIT = int(os.environ.get("LOGIN_CLIENT_USERNAME_LIMIT", "20"))
# Password-reset mails: per address and per client within the window (ops/throttle.py).
PASSWORD_RESET_ADDRESS_LIMIT = int(os.environ.get("PASSWORD_RESET_ADDRESS_LIMIT", "3"))
PASSWORD_RESET_CLIENT_LIMIT = int(os.environ.get("PASSWORD_RESET_CLIENT_LIMIT", "10"))
PASSWORD_RESET_WINDOW_MINUTES = int(os.environ.get("PASSWORD_RESET_WINDOW_MINUTES", "60"))
AXES_VERBOSE = False
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Uploads: allow-list checked by file content (documents_app/validation.py), 50 MB by default.
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "csv", "txt"]
# Videos in Deutscher Gebärdensprache and their captions (documents_app/video.py, BITV 2.0 § 4).
WAGTAILDOCS_EXTENSIONS += ["mp4", "webm", "vtt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_MB", "50")) * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents_app.forms.BlokDocumentForm"
# Every download is an attachment (never rendered by the browser on our origin).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Full-text extraction runs as a task (django_tasks, as Wagtail's own tasks). The immediate
# backend runs it right after the upload's transaction commits; a queue backend can be set here.
DOCUMENT_TEXT_MAX_CHARS = 500_000  # extracted text kept per document for the search index
# Images cannot be protected: the image forms tell editors so (home/image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.image_forms.PublicImageForm"

# --- Outgoing mail and periodic jobs ----------------------------------------------------------
# Every mail goes through the outbox (ops/mail.py): stored, sent after commit, retried by the
# periodic job send_queued_mail. A mail server that does not answer holds a request at most
# EMAIL_TIMEOUT seconds; the mail then waits in the outbox.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "5"))
OUTGOING_MAIL_MAX_ATTEMPTS = int(os.environ.get("OUTGOING_MAIL_MAX_ATTEMPTS", "8"))  # then it gives up
OUTGOING_MAIL_RETENTION_DAYS = int(os.environ.get("OUTGOING_MAIL_RETENTION_DAYS", "30"))  # addresses: delete
# The outbox's retries are a periodic job of the scheduler (PERIODIC_JOBS above).
PERIODIC_JOBS.append(("send_queued_mail", 60))

# BITV 2.0 § 7 "Barriere melden": reports are deleted this many days after they came in
# (privacy policy), by a periodic job of the scheduler.
BARRIER_REPORT_RETENTION_DAYS = int(os.environ.get("BARRIER_REPORT_RETENTION_DAYS", "365"))
PERIODIC_JOBS.append(("delete_old_barrier_reports", 24 * 60 * 60))

# "Neu für Sie": checked hourly; each member gets at most one mail a week (participants/digest.py).
PERIODIC_JOBS.append(("send_digests", 60 * 60))

# --- Upload limits (documents_app/validation.py, documents_app/extraction.py) ------------------
# ZIP packages (docx, xlsx, pptx, OpenDocument): entries, unpacked size, packing ratio per entry.
DOCUMENT_MAX_ZIP_ENTRIES = int(os.environ.get("DOCUMENT_MAX_ZIP_ENTRIES", "5000"))
DOCUMENT_MAX_UNCOMPRESSED_MB = int(os.environ.get("DOCUMENT_MAX_UNCOMPRESSED_MB", "200"))
DOCUMENT_MAX_COMPRESSION_RATIO = int(os.environ.get("DOCUMENT_MAX_COMPRESSION_RATIO", "100"))
# Text extraction runs in a child process with these limits; beyond them the document is stored
# without text and the editors see a note on its edit form.
DOCUMENT_EXTRACTION_MEMORY_MB = int(os.environ.get("DOCUMENT_EXTRACTION_MEMORY_MB", "512"))
DOCUMENT_EXTRACTION_SECONDS = int(os.environ.get("DOCUMENT_EXTRACTION_SECONDS", "20"))
# One field template for all the site's forms (label, help text, errors; ids as Django's
# aria-describedby names them): templates/forms/field.html.
FORM_RENDERER = "blok_cms.forms.SiteFormRenderer"
