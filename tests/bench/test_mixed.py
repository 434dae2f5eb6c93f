from bench.mixed import Staleness, form_fields

PAGE = """
<form class="language-switch" method="post" action="/i18n/setlang/">
  <input type="hidden" name="csrfmiddlewaretoken" value="shell">
  <select name="language"><option value="en" selected>English</option></select>
</form>
<form method="post" enctype="multipart/form-data">
  <input type="hidden" name="csrfmiddlewaretoken" value="token">
  <input type="checkbox" name="release_to_alipay_china">
  <input type="checkbox" name="listed" value="yes" checked>
  <select name="language"><option value="ja">Japanese</option>
  <option value="ko">Korean</option></select>
  <input type="text" name="name" value="Bench &amp; Co">
  <textarea name="description">
First line</textarea>
  <input type="file" name="logo">
  <button type="submit">Save</button>
</form>
"""


def test_the_writer_submits_the_form_as_a_browser_would_without_touching_it():
    assert form_fields(PAGE, ("language", "name")) == {
        "csrfmiddlewaretoken": "token",
        "listed": "yes",
        "language": "ja",
        "name": "Bench & Co",
        "description": "First line",
    }


def test_the_shell_form_is_found_when_asked_for_by_its_own_fields():
    assert form_fields(PAGE, ("language",))["csrfmiddlewaretoken"] == "shell"


def test_a_page_without_the_written_value_counts_as_stale():
    staleness = Staleness()

    assert staleness.check("detail", "<td>Edit w0n1 &amp; more</td>", ["Edit w0n1 & more"])
    assert not staleness.check("list", "<td>Edit w0n0</td>", ["Edit w0n1"])

    assert staleness.as_dict() == {
        "checked": {"detail": 1, "list": 1},
        "stale_by_page": {"list": 1},
        "stale": 1,
        "examples": ["list without 'Edit w0n1'"],
    }
