import pytest

from tests.miniprograms.helpers import complete_program
from tests.releases.helpers import make_reviewer


@pytest.fixture
def program(team):
    """A complete mini program of Acme, assigned to its Developer: ready to apply for release."""
    mini_program = complete_program(team)
    mini_program.developers.add(team.developer_membership)
    return mini_program


@pytest.fixture
def reviewer(db):
    return make_reviewer()
