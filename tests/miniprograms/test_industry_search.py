"""Finding an industry by its English name, its Chinese name or a keyword in either language:
in the admin's industry autocomplete, and in the options the console form's search box reads
(tests/e2e/test_mini_programs.py drives that box)."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from tests.miniprograms.helpers import curated_industry

AUTOCOMPLETE = reverse("admin:autocomplete")


@pytest.fixture
def staff_client(client, team):
    client.force_login(
        User.objects.create_superuser(email="root@console.test", password="x", full_name="Root")
    )
    return client


def industries_found(client, term: str) -> list[str]:
    response = client.get(
        AUTOCOMPLETE,
        {
            "app_label": "miniprograms",
            "model_name": "miniprogram",
            "field_name": "industry",
            "term": term,
        },
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Insurance", ["Insurance / 保险"]),
        ("insURANCE", ["Insurance / 保险"]),
        ("保险", ["Insurance / 保险"]),
        ("coffee", ["Food and Beverage / 餐饮"]),
        ("COFFEE", ["Food and Beverage / 餐饮"]),
        ("咖啡", ["Food and Beverage / 餐饮"]),
        ("停车场", ["Parking / 停车服务"]),
        ("taxi", ["Ride-hailing and Taxis / 网约车与出租车"]),
    ],
)
def test_the_admin_finds_an_industry_by_either_name_or_a_keyword(staff_client, term, expected):
    curated_industry("parking")

    assert industries_found(staff_client, term) == expected


def test_every_curated_industry_has_keywords_in_both_languages(db):
    industry = curated_industry("parking")

    for other in type(industry).objects.all():
        assert re.search(r"[a-z]", other.keywords), other.code
        assert re.search(r"[\u4e00-\u9fff]", other.keywords), other.code


def test_the_console_form_gives_the_search_box_each_industry_s_keywords(sign_in, team):
    food = curated_industry("food-and-beverage")

    html = sign_in(team.owner).get(reverse("miniprograms:create")).text

    option = re.search(rf'<option value="{food.pk}"[^>]*>', html).group(0)
    assert "coffee" in option and "咖啡" in option
    assert "Food and Beverage (餐饮)" in html


def test_an_industry_added_by_staff_is_found_by_its_keywords(staff_client):
    staff_client.post(
        reverse("admin:miniprograms_industry_add"),
        {
            "code": "pets",
            "name_en": "Pets",
            "name_zh": "宠物",
            "is_active": "on",
            "keywords": "dog, cat, vet, 狗, 猫, 宠物医院",
        },
    )

    assert industries_found(staff_client, "vet") == ["Pets / 宠物"]
    assert industries_found(staff_client, "猫") == ["Pets / 宠物"]
