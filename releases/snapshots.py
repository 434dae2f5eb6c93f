"""The listing a version carries from Apply for release on: every language, the logo, the
industry and the contacts, as they stood. Devices and reviewers read this, never the live
listing, which the team may already be editing for the next version."""

import hashlib

from miniprograms.models import MiniProgram


def file_sha256(field) -> str:
    digest = hashlib.sha256()
    with field.open("rb") as file:
        for chunk in file.chunks():
            digest.update(chunk)
    return digest.hexdigest()


def listing_snapshot(mini_program: MiniProgram) -> dict:
    industry = mini_program.industry
    return {
        "default_language": mini_program.default_language,
        "listings": {
            listing.language: {
                "name": listing.name,
                "tagline": listing.tagline,
                "description": listing.description,
            }
            for listing in mini_program.listings.all()
        },
        "logo_sha256": file_sha256(mini_program.logo),
        "industry": {
            "code": industry.code,
            "name_en": industry.name_en,
            "name_zh": industry.name_zh,
        },
        "customer_service": {
            "phone": mini_program.customer_service_phone,
            "email": mini_program.customer_service_email,
        },
        "release_to_alipay_china": mini_program.release_to_alipay_china,
    }
