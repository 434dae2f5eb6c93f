import pytest
from django.core.cache import caches
from django.utils import translation

from tests.personas import PASSWORD, make_team


@pytest.fixture
def team(db):
    return make_team()


@pytest.fixture
def sign_in(client):
    """Signs the test client in as a persona: `sign_in(team.owner)`."""

    def _sign_in(user):
        client.force_login(user)
        return client

    return _sign_in


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test go to its own folder and vanish with it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fragment_cache():
    """Cached page pieces are keyed by database ids, which a rolled-back test hands out again."""
    caches["fragments"].clear()
    yield caches["fragments"]


@pytest.fixture
def shared_cache():
    """The default cache (rate limits), emptied after the test. For tests that commit
    (`transaction=True`): the cache table is not flushed between tests, so counts left in it
    would pause the tests that follow."""
    yield caches["default"]
    caches["default"].clear()


@pytest.fixture(autouse=True)
def default_language():
    """The test client runs requests in this thread, and the language a request activates stays
    active after it; every test starts in the default language again."""
    yield
    translation.deactivate()
