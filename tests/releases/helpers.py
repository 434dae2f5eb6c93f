"""Packages, people and versions the release tests share, made the way the console makes them."""

import importlib
import io
import json
import zipfile

from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from releases import services
from releases.models import Version

APP_JSON = {"pages": ["pages/index/index"], "window": {"defaultTitle": "Acme"}}
PAGE_FILES = {"pages/index/index.js": "Page({});", "pages/index/index.axml": "<view>Hi</view>"}


def zip_bytes(files: dict | None = None, *, app=APP_JSON, links=()) -> bytes:
    """A package: `app.json` from `app` (None leaves it out, bytes are written as they are),
    `files` beside it (the index page by default), and `links` as symbolic links."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        if app is not None:
            archive.writestr("app.json", app if isinstance(app, bytes) else json.dumps(app))
        for name, content in (PAGE_FILES if files is None else files).items():
            archive.writestr(name, content)
        for name in links:
            link = zipfile.ZipInfo(name)
            link.external_attr = (0o120777 << 16) | 0x20
            archive.writestr(link, "/etc/passwd")
    return output.getvalue()


def package(content: bytes | None = None, name="acme-rides.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, zip_bytes() if content is None else content, content_type="application/zip"
    )


def make_reviewer(email="rita@platform.test", full_name="Rita Reviewer") -> User:
    user = User.objects.create_user(
        email=email, password="correct horse battery staple 42", full_name=full_name
    )
    user.is_staff = True
    user.save()
    user.groups.add(reviewers_group())
    return user


def reviewers_group() -> Group:
    """The group the releases migration makes. A test that commits flushes the database
    afterwards, the migration's rows included, so the group is made again when it is missing."""
    if not Group.objects.filter(name="Reviewers").exists():
        ContentType.objects.clear_cache()
        migration = importlib.import_module("releases.migrations.0002_reviewers_group")
        migration.create_group(django_apps, None)
    return Group.objects.get(name="Reviewers")


def upload(mini_program, actor, number="1.0.0", **fields) -> Version:
    fields.setdefault("description", "First release with the ride booking flow.")
    if "package" not in fields:
        fields["package"] = package()
    return services.version_upload(mini_program=mini_program, actor=actor, number=number, **fields)


def approved(mini_program, actor, reviewer, number="1.0.0", testers=()) -> Version:
    version = upload(mini_program, actor, number)
    services.version_apply_for_release(version=version, actor=actor, testers=testers)
    return services.version_approve(version=version, reviewer=reviewer)


def live(mini_program, actor, reviewer, number="1.0.0") -> Version:
    version = approved(mini_program, actor, reviewer, number)
    return services.version_go_live(version=version, actor=actor)
