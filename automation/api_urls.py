"""The HTTP API's URLs, included at /api/v1/ beside the public release endpoint."""

from automation.api import api, body_too_large
from core.bodylimit import accepts_body_up_to, answers_body_too_large_with

urlpatterns, _app, app_name = api.urls

# ninja builds the views itself, so the body limits are put on them here: every endpoint refuses
# an oversized body in JSON, and Upload Version takes a package on top of an ordinary form.
for pattern in urlpatterns:
    pattern.callback = answers_body_too_large_with(body_too_large)(pattern.callback)
    if pattern.name == "version_upload":
        pattern.callback = accepts_body_up_to("PACKAGE_MAX_BYTES")(pattern.callback)
