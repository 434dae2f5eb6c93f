from django.urls import reverse

URL = reverse("accounts:password_change")


def test_it_changes_the_password_after_checking_the_old_one(sign_in, team, password):
    response = sign_in(team.owner).post(
        URL,
        {
            "old_password": password,
            "new_password1": "another long passphrase 8",
            "new_password2": "another long passphrase 8",
        },
        follow=True,
    )

    assert "Your password has been changed." in response.text
    team.owner.refresh_from_db()
    assert team.owner.check_password("another long passphrase 8")


def test_it_refuses_a_wrong_old_password(sign_in, team, password):
    response = sign_in(team.owner).post(
        URL,
        {
            "old_password": "wrong",
            "new_password1": "another long passphrase 8",
            "new_password2": "another long passphrase 8",
        },
    )

    assert response.status_code == 200
    assert "Your old password was entered incorrectly." in response.text
    team.owner.refresh_from_db()
    assert team.owner.check_password(password)
