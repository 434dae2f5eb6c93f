"""Grayscale buckets: a device never flips while the percentage rises, and the share of devices
on the new version is the percentage."""

import hashlib
import math

import pytest

from releases import services
from releases.selectors import grayscale_bucket, version_for_device
from tests.releases.helpers import approved, live

DEVICES = [f"device-{index:05d}" for index in range(10_000)]


def test_a_bucket_is_the_sha256_of_app_id_and_device_modulo_100():
    expected = int(hashlib.sha256(b"1234567890123456abc").hexdigest(), 16) % 100
    assert grayscale_bucket("1234567890123456", "abc") == expected


@pytest.mark.parametrize("percentage", [1, 10, 50, 99])
def test_the_share_is_the_percentage_over_10000_devices(percentage):
    inside = sum(grayscale_bucket("1234567890123456", device) < percentage for device in DEVICES)

    share = percentage / 100
    # Five standard deviations of a binomial share: a fair hash stays well inside.
    tolerance = 5 * math.sqrt(share * (1 - share) / len(DEVICES))
    assert abs(inside / len(DEVICES) - share) < tolerance


def test_scaling_up_keeps_every_device_that_had_the_new_version(team, program, reviewer):
    live(program, team.developer, reviewer, "1.0.0")
    candidate = approved(program, team.developer, reviewer, "1.1.0")
    devices = DEVICES[:500]
    runs = {}
    for percentage in (10, 30, 75):
        if percentage == 10:
            services.version_grayscale(version=candidate, actor=team.developer, percentage=10)
        else:
            services.version_scale_up(
                version=candidate, actor=team.developer, percentage=percentage
            )
        runs[percentage] = {
            device for device in devices if version_for_device(program, device).number == "1.1.0"
        }

    assert runs[10] < runs[30] < runs[75]
    for percentage, inside in runs.items():
        share = percentage / 100
        tolerance = 5 * math.sqrt(share * (1 - share) / len(devices))
        assert abs(len(inside) / len(devices) - share) < tolerance
