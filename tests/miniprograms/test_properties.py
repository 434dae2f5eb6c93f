"""Properties of the listing rules over many generated inputs.

No per-example deadline: a busy machine must not turn a slow example into a failure.
"""

from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from miniprograms import validators
from miniprograms.languages import resolve_language

visible_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"),
    ),
    max_size=40,
)


@settings(deadline=None)
@given(visible_text)
def test_a_name_passes_exactly_when_its_trimmed_weighted_length_is_3_to_30(name):
    length = validators.weighted_length(name.strip())
    try:
        cleaned = validators.clean_name(name)
    except ValidationError:
        assert not 3 <= length <= 30
    else:
        assert 3 <= length <= 30
        assert cleaned == name.strip()


@settings(deadline=None)
@given(st.text(max_size=20))
def test_weighted_length_is_between_the_length_and_twice_it(text):
    assert len(text) <= validators.weighted_length(text) <= 2 * len(text)


def full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


@settings(deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30))
def test_folding_ignores_case_and_width(text):
    folded = validators.fold_name(text)

    assert validators.fold_name(text.swapcase()) == folded
    assert validators.fold_name(full_width(text)) == folded
    assert validators.fold_name(full_width(text).upper()) == folded


@settings(deadline=None)
@given(st.text(max_size=20))
def test_folding_is_stable(text):
    folded = validators.fold_name(text)

    assert validators.fold_name(folded) == folded


languages = st.sampled_from(["en", "en-US", "en-GB", "fr", "zh-Hans", "zh-Hant", "ja"])


@settings(deadline=None)
@given(st.text(max_size=40), st.lists(languages, min_size=1, unique=True))
def test_a_device_always_gets_one_of_the_listings(device, available):
    default = available[0]

    assert resolve_language(device, available, default=default) in available
