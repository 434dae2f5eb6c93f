"""Writes to mini programs and their listings (SPEC section 3).

Each service owns its transaction, writes its activity event inside it, and re-checks the rules
that depend on other rows under locks: the workspace row for the Alipay China quota and the
languages, the folded name for the platform-wide name. Two requests cannot both take the last
quota place or the same name, nor delete a mini program's last languages. A broken rule
raises `ValidationError` keyed by form field; views hand it to `form.add_error(None, error)`.
Logo files are written before the rows and removed again if the transaction rolls back; a
replaced or deleted logo is removed only after the commit.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import connection, transaction
from django.utils.translation import gettext

from accounts.models import User, Workspace
from core.activity import record_activity
from core.models import ActivityEvent
from miniprograms import validators
from miniprograms.languages import CHINESE_SIMPLIFIED, LANGUAGE_NAMES
from miniprograms.models import Industry, Listing, MiniProgram
from miniprograms.selectors import (
    check_deletable,
    validate_alipay_china_quota,
    validate_name_unique,
)


def _check_release(
    *, workspace: Workspace, mini_program: MiniProgram | None, release_to_alipay_china: bool
) -> None:
    if not release_to_alipay_china:
        return
    try:
        validate_alipay_china_quota(workspace, mini_program=mini_program)
    except ValidationError as error:
        raise ValidationError({"release_to_alipay_china": error.error_list}) from None


def _cleaned(**values) -> dict:
    """Runs each `field=(clean, value)` and raises every error keyed by its field."""
    cleaned, errors = {}, {}
    for field, (clean, value) in values.items():
        try:
            cleaned[field] = clean(value)
        except ValidationError as error:
            errors[field] = error.error_list
    if errors:
        raise ValidationError(errors)
    return cleaned


def _cleaned_details(
    *, tagline: str, description: str, customer_service_phone: str, customer_service_email: str
) -> dict:
    """The fields a complete mini program adds to its basic information, cleaned together so
    every error comes back at once."""
    return _cleaned(
        tagline=(validators.clean_tagline, tagline),
        description=(validators.clean_description, description),
        customer_service_phone=(validators.clean_landline, customer_service_phone),
        customer_service_email=(validators.clean_service_email, customer_service_email),
    )


def _lock_name(name: str) -> None:
    """Serialises claims on one name across workspaces. SQLite already runs one writer at a time
    (IMMEDIATE transactions); PostgreSQL takes a transaction-scoped advisory lock on the key."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", [validators.fold_name(name)]
            )


def _check_name(name: str, *, mini_program: MiniProgram | None) -> str:
    def clean(value):
        value = validators.clean_name(value)
        _lock_name(value)
        validate_name_unique(value, exclude_mini_program=mini_program)
        return value

    return _cleaned(name=(clean, name))["name"]


def _check_language(field: str, language: str) -> str:
    if language not in LANGUAGE_NAMES:
        raise ValidationError({field: gettext("Choose a language from the list.")})
    return language


def _language_for(default_language: str, release_to_alipay_china: bool) -> str:
    if release_to_alipay_china:
        return CHINESE_SIMPLIFIED
    return _check_language("default_language", default_language)


def _refresh(mini_program: MiniProgram) -> MiniProgram:
    # Drops prefetched listings so `default_listing` and `str()` read the new state.
    if hasattr(mini_program, "_prefetched_objects_cache"):
        mini_program._prefetched_objects_cache.pop("listings", None)
    return mini_program


def _set_default_listing(
    mini_program: MiniProgram, *, language: str, name: str, tagline=None, description=None
) -> Listing:
    """Writes the default-language listing. Choosing a language that has no listing yet moves
    the current default listing to it; choosing one that has, updates that one."""
    listing = mini_program.listings.filter(language=language).first()
    if listing is None:
        listing = mini_program.listings.filter(language=mini_program.default_language).first()
    if listing is None:
        listing = Listing(mini_program=mini_program)
    listing.language = language
    listing.name = name
    if tagline is not None:
        listing.tagline = tagline
    if description is not None:
        listing.description = description
    listing.save()
    return listing


def _logo_storage():
    return MiniProgram._meta.get_field("logo").storage


def _store_logo(logo: File | None) -> str:
    """Writes the logo file before the transaction; the caller removes it if that fails."""
    if logo is None:
        return ""
    field = MiniProgram._meta.get_field("logo")
    return field.storage.save(field.generate_filename(None, logo.name), logo)


def _delete_logo_after_commit(name: str) -> None:
    if name:
        storage = _logo_storage()
        transaction.on_commit(lambda: storage.delete(name))


def _create(
    *,
    workspace: Workspace,
    creator: User,
    release_to_alipay_china: bool,
    default_language: str,
    name: str,
    tagline: str = "",
    description: str = "",
    logo: File | None = None,
    **fields,
) -> MiniProgram:
    stored_logo = _store_logo(logo)
    try:
        with transaction.atomic():
            workspace.lock()
            name = _check_name(name, mini_program=None)
            _check_release(
                workspace=workspace,
                mini_program=None,
                release_to_alipay_china=release_to_alipay_china,
            )
            language = _language_for(default_language, release_to_alipay_china)
            mini_program = MiniProgram.objects.create(
                workspace=workspace,
                creator=creator,
                release_to_alipay_china=release_to_alipay_china,
                default_language=language,
                logo=stored_logo,
                **fields,
            )
            Listing.objects.create(
                mini_program=mini_program,
                language=language,
                name=name,
                tagline=tagline,
                description=description,
            )
            record_activity(
                workspace=workspace,
                actor=creator,
                action=ActivityEvent.Action.MINI_PROGRAM_CREATED,
                target=mini_program,
                after=mini_program.snapshot(),
            )
    except BaseException:
        if stored_logo:
            _logo_storage().delete(stored_logo)
        raise
    return mini_program


def _update(
    *,
    mini_program: MiniProgram,
    actor: User,
    release_to_alipay_china: bool,
    default_language: str,
    name: str,
    tagline: str | None = None,
    description: str | None = None,
    logo: File | None = None,
    **fields,
) -> MiniProgram:
    stored_logo = _store_logo(logo)
    try:
        with transaction.atomic():
            mini_program.workspace.lock()
            before = _refresh(mini_program).snapshot()
            name = _check_name(name, mini_program=mini_program)
            _check_release(
                workspace=mini_program.workspace,
                mini_program=mini_program,
                release_to_alipay_china=release_to_alipay_china,
            )
            language = _language_for(default_language, release_to_alipay_china)
            _set_default_listing(
                mini_program, language=language, name=name, tagline=tagline, description=description
            )
            old_logo = ""
            if stored_logo:
                old_logo = mini_program.logo.name if mini_program.logo else ""
                mini_program.logo = stored_logo
            for field, value in fields.items():
                setattr(mini_program, field, value)
            mini_program.release_to_alipay_china = release_to_alipay_china
            mini_program.default_language = language
            mini_program.save()
            after = _refresh(mini_program).snapshot()
            if after != before:
                record_activity(
                    workspace=mini_program.workspace,
                    actor=actor,
                    action=ActivityEvent.Action.MINI_PROGRAM_UPDATED,
                    target=mini_program,
                    before=before,
                    after=after,
                )
            _delete_logo_after_commit(old_logo)
    except BaseException:
        if stored_logo:
            _logo_storage().delete(stored_logo)
        raise
    return mini_program


def mini_program_create_basic(
    *,
    workspace: Workspace,
    creator: User,
    name: str,
    default_language: str,
    release_to_alipay_china: bool,
) -> MiniProgram:
    """Onboarding step 1: a mini program with basic information only (shown as Incomplete)."""
    return _create(
        workspace=workspace,
        creator=creator,
        release_to_alipay_china=release_to_alipay_china,
        default_language=default_language,
        name=name,
    )


def mini_program_update_basic(
    *,
    mini_program: MiniProgram,
    actor: User,
    name: str,
    default_language: str,
    release_to_alipay_china: bool,
) -> MiniProgram:
    return _update(
        mini_program=mini_program,
        actor=actor,
        release_to_alipay_china=release_to_alipay_china,
        default_language=default_language,
        name=name,
    )


def mini_program_create(
    *,
    workspace: Workspace,
    creator: User,
    release_to_alipay_china: bool,
    default_language: str,
    name: str,
    tagline: str,
    description: str,
    logo: File,
    industry: Industry,
    customer_service_phone: str,
    customer_service_email: str,
) -> MiniProgram:
    """A complete mini program from **+ Create Mini Program**. `logo` is the re-encoded file
    from `validators.clean_logo`."""
    return _create(
        workspace=workspace,
        creator=creator,
        release_to_alipay_china=release_to_alipay_china,
        default_language=default_language,
        name=name,
        logo=logo,
        industry=industry,
        **_cleaned_details(
            tagline=tagline,
            description=description,
            customer_service_phone=customer_service_phone,
            customer_service_email=customer_service_email,
        ),
    )


def mini_program_update(
    *,
    mini_program: MiniProgram,
    actor: User,
    release_to_alipay_china: bool,
    default_language: str,
    name: str,
    tagline: str,
    description: str,
    logo: File | None,
    industry: Industry,
    customer_service_phone: str,
    customer_service_email: str,
) -> MiniProgram:
    """Edit every field; `logo=None` keeps the current logo."""
    return _update(
        mini_program=mini_program,
        actor=actor,
        release_to_alipay_china=release_to_alipay_china,
        default_language=default_language,
        name=name,
        logo=logo,
        industry=industry,
        **_cleaned_details(
            tagline=tagline,
            description=description,
            customer_service_phone=customer_service_phone,
            customer_service_email=customer_service_email,
        ),
    )


def check_app_id_typed(mini_program: MiniProgram, typed_app_id: str) -> None:
    if typed_app_id.strip() != mini_program.app_id:
        raise ValidationError(
            {
                "app_id": ValidationError(
                    gettext("Type the App ID, %(app_id)s, to confirm.")
                    % {"app_id": mini_program.app_id},
                    code="app_id_not_typed",
                )
            }
        )


def mini_program_delete(*, mini_program: MiniProgram, actor: User, typed_app_id: str = "") -> None:
    """Deletes the mini program with its listings and assignments, unless a rule of
    MINI_PROGRAM_DELETE_CHECKS keeps it (or asks for `typed_app_id`); the logo file goes after
    the commit."""
    with transaction.atomic():
        mini_program.workspace.lock()
        if check_deletable(mini_program):
            check_app_id_typed(mini_program, typed_app_id)
        snapshot = _refresh(mini_program).snapshot()
        record_activity(
            workspace=mini_program.workspace,
            actor=actor,
            action=ActivityEvent.Action.MINI_PROGRAM_DELETED,
            target=mini_program,
            before={**snapshot, "app_id": mini_program.app_id},
        )
        logo = mini_program.logo.name if mini_program.logo else ""
        mini_program.delete()
        _delete_logo_after_commit(logo)


def _record_language(mini_program, actor, action, *, before=None, after=None) -> None:
    # Language events target the mini program so its page shows them with the rest.
    record_activity(
        workspace=mini_program.workspace,
        actor=actor,
        action=action,
        target=mini_program,
        before=before,
        after=after,
    )


def _listing_fields(*, name: str, tagline: str, description: str, mini_program) -> dict:
    return {
        "name": _check_name(name, mini_program=mini_program),
        **_cleaned(
            tagline=(validators.clean_tagline, tagline),
            description=(validators.clean_description, description),
        ),
    }


def language_add(
    *,
    mini_program: MiniProgram,
    actor: User,
    language: str,
    name: str,
    tagline: str,
    description: str,
) -> Listing:
    _check_language("language", language)
    with transaction.atomic():
        mini_program.workspace.lock()
        fields = _listing_fields(
            name=name, tagline=tagline, description=description, mini_program=mini_program
        )
        if mini_program.listings.filter(language=language).exists():
            raise ValidationError(
                {"language": gettext("This mini program already has this language.")}
            )
        listing = Listing.objects.create(mini_program=mini_program, language=language, **fields)
        _refresh(mini_program)
        _record_language(
            mini_program, actor, ActivityEvent.Action.LANGUAGE_ADDED, after=listing.snapshot()
        )
    return listing


def language_update(
    *, listing: Listing, actor: User, name: str, tagline: str, description: str
) -> Listing:
    mini_program = listing.mini_program
    with transaction.atomic():
        mini_program.workspace.lock()
        before = listing.snapshot()
        fields = _listing_fields(
            name=name, tagline=tagline, description=description, mini_program=mini_program
        )
        for field, value in fields.items():
            setattr(listing, field, value)
        listing.save()
        _refresh(mini_program)
        if listing.snapshot() != before:
            _record_language(
                mini_program,
                actor,
                ActivityEvent.Action.LANGUAGE_UPDATED,
                before=before,
                after=listing.snapshot(),
            )
    return listing


def _lock_languages(mini_program: MiniProgram) -> None:
    """Locks, then re-reads the default: a concurrent make-default or delete must not leave a
    mini program without its default listing or without any listing."""
    mini_program.workspace.lock()
    mini_program.refresh_from_db(fields=["default_language", "release_to_alipay_china"])
    _refresh(mini_program)


def language_delete(*, listing: Listing, actor: User) -> None:
    mini_program = listing.mini_program
    with transaction.atomic():
        _lock_languages(mini_program)
        if listing.language == mini_program.default_language:
            raise ValidationError(
                gettext(
                    "The default language cannot be deleted. Make another language the default "
                    "first."
                )
            )
        if mini_program.listings.count() <= 1:
            raise ValidationError(gettext("The last language cannot be deleted."))
        before = listing.snapshot()
        listing.delete()
        _refresh(mini_program)
        _record_language(mini_program, actor, ActivityEvent.Action.LANGUAGE_DELETED, before=before)


def language_make_default(*, listing: Listing, actor: User) -> MiniProgram:
    mini_program = listing.mini_program
    with transaction.atomic():
        _lock_languages(mini_program)
        if not mini_program.listings.filter(pk=listing.pk).exists():
            raise ValidationError(gettext("This language has just been deleted."))
        if mini_program.release_to_alipay_china and listing.language != CHINESE_SIMPLIFIED:
            raise ValidationError(
                gettext(
                    "A mini program released to Alipay China keeps Chinese (Simplified) as its "
                    "default language."
                )
            )
        before = mini_program.default_language
        if before == listing.language:
            return mini_program
        mini_program.default_language = listing.language
        mini_program.save(update_fields=["default_language", "updated_at"])
        _refresh(mini_program)
        _record_language(
            mini_program,
            actor,
            ActivityEvent.Action.LANGUAGE_MADE_DEFAULT,
            before={"default_language": before},
            after={"default_language": listing.language},
        )
    return mini_program
