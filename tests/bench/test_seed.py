from datetime import timedelta

from django.urls import reverse

from accounts.models import Membership
from bench.seed import seed_workspace
from core.models import ActivityEvent
from miniprograms.models import Listing, MiniProgram
from releases.models import Version


def test_it_seeds_a_workspace_with_the_counts_asked_for(db):
    seeded = seed_workspace(label="small", mini_programs=12, members=20, invitations=15)

    workspace = seeded.workspace
    assert MiniProgram.objects.filter(workspace=workspace).count() == 12
    assert Listing.objects.filter(mini_program__workspace=workspace).count() == 24
    assert workspace.memberships.count() == 21
    assert workspace.memberships.get(role=Membership.Role.OWNER).user == seeded.owner
    developers = workspace.memberships.filter(role=Membership.Role.DEVELOPER)
    assert developers.count() == 18
    assert not developers.filter(assigned_mini_programs=None).exists()
    assert workspace.invitations.count() == seeded.invitations == 15
    assert not workspace.invitations.filter(role="developer", mini_programs=None).exists()


def test_seeded_workspaces_do_not_collide(db):
    first = seed_workspace(label="one", mini_programs=3, members=2, invitations=2)
    second = seed_workspace(label="two", mini_programs=3, members=2, invitations=2)

    assert MiniProgram.objects.count() == 6
    assert first.owner != second.owner


def test_the_showcase_has_a_version_in_every_release_stage_on_its_page(db, sign_in):
    seeded = seed_workspace(label="versions", mini_programs=30)

    showcase = seeded.showcase
    assert showcase == MiniProgram.objects.filter(workspace=seeded.workspace).order_by("pk")[15]
    statuses = list(showcase.versions.values_list("status", flat=True))
    assert len(statuses) == 20
    assert statuses.count(Version.Status.ARCHIVED) == 16
    assert showcase.versions.get(status=Version.Status.GRAYSCALE_RELEASE).grayscale_percentage == 30
    response = sign_in(seeded.owner).get(reverse("miniprograms:detail", args=[showcase.app_id]))
    page = response.content.decode()
    assert page.count("<strong>1.") == 20
    for status in (
        "Full Release",
        "Grayscale Release",
        "30% of devices",
        "Under Review",
        "Rejected",
    ):
        assert status in page


def test_one_in_ten_others_has_a_full_release_a_device_is_served(db, client):
    seeded = seed_workspace(label="released", mini_programs=30)

    released = Version.objects.filter(mini_program__workspace=seeded.workspace).exclude(
        mini_program=seeded.showcase
    )
    assert seeded.versions == 20 + 3
    assert set(released.values_list("status", flat=True)) == {Version.Status.FULL_RELEASE}
    app_id = released.order_by("mini_program").last().mini_program.app_id
    response = client.get(
        reverse("api:release", args=[app_id]), {"device": "bench-device-1", "lang": "zh-CN"}
    )
    assert response.status_code == 200
    assert response.json()["version"] == "1.0.0"
    assert response.json()["listing"]["name"].startswith("基准")
    assert (
        client.get(
            reverse("api:release", args=[app_id]),
            {"device": "bench-device-1", "lang": "zh-CN"},
            headers={"if-none-match": response["ETag"]},
        ).status_code
        == 304
    )


def test_seeded_activity_reads_as_sentences_on_the_activity_page(db, sign_in):
    seeded = seed_workspace(
        label="activity", mini_programs=10, members=5, invitations=5, activity=60
    )

    events = ActivityEvent.objects.filter(workspace=seeded.workspace)
    assert seeded.activity == events.count() == 60
    assert events.values("action").distinct().count() == 5
    newest, oldest = events.first(), events.last()
    assert newest.created_at - oldest.created_at == timedelta(minutes=59)
    page = sign_in(seeded.owner).get(reverse("console:activity")).content.decode()
    assert "changed the tagline of" in page
    assert "An earlier tagline" in page


def test_the_showcase_has_the_same_recent_history_in_a_small_and_a_large_workspace(db):
    def showcase_history(seeded) -> list[str]:
        return list(
            ActivityEvent.objects.filter(
                target_type="miniprograms.miniprogram", target_id=str(seeded.showcase.pk)
            )
            .order_by("-created_at")
            .values_list("action", flat=True)[:20]
        )

    small = seed_workspace(label="few", mini_programs=4, members=2, invitations=2, activity=200)
    large = seed_workspace(label="many", mini_programs=60, members=2, invitations=2, activity=200)

    assert len(showcase_history(small)) == 20
    assert showcase_history(small) == showcase_history(large)
