"""Languages a mini program listing can be written in, as BCP 47 tags."""

from django.utils.translation import gettext_lazy as _

CHINESE_SIMPLIFIED = "zh-Hans"

LANGUAGE_CHOICES = [
    ("zh-Hans", _("Chinese (Simplified)")),
    ("zh-Hant", _("Chinese (Traditional)")),
    ("en", _("English")),
    ("en-US", _("English (United States)")),
    ("en-GB", _("English (United Kingdom)")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("th", _("Thai")),
    ("vi", _("Vietnamese")),
    ("id", _("Indonesian")),
    ("ms", _("Malay")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
]
