from django.urls import reverse

from accounts.models import Membership

URL = reverse("console:overview")


def stat(response, label):
    """The number shown on the Overview card with this label."""
    html = response.text
    label_at = html.index(f'<span class="stat-label">{label}</span>')
    value_at = html.rindex('<span class="stat-value">', 0, label_at)
    return int(html[value_at:label_at].split(">")[1].split("<")[0])


def test_it_shows_the_workspace_counts_to_the_owner(sign_in, team):
    response = sign_in(team.owner).get(URL)

    assert response.status_code == 200
    assert stat(response, "Mini programs") == 2
    assert stat(response, "Active members") == 3


def test_a_developer_counts_only_assigned_mini_programs(sign_in, team):
    response = sign_in(team.developer).get(URL)

    assert stat(response, "Mini programs") == 1


def test_it_hides_navigation_a_developer_may_not_use(sign_in, team):
    html = sign_in(team.developer).get(URL).text

    assert "Manage Mini Program" in html
    assert 'href="/console/members/"' not in html
    assert 'href="/console/activity/"' not in html
    assert 'href="/console/settings/"' not in html


def test_it_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:signin"))


def test_a_blocked_member_without_other_workspaces_is_told_so(sign_in, team):
    Membership.objects.filter(user=team.master).update(status=Membership.Status.BLOCKED)

    response = sign_in(team.master).get(URL, follow=True)

    assert response.redirect_chain[-1][0] == reverse("console:no_workspace")
    assert "You are not an active member of any workspace." in response.text
