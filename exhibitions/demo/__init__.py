"""What the exhibitions demo computes rather than states: the product
pictures, drawn with Pillow (the demo ships no photographs), and each sample
applicant's consent. The rows themselves are in exhibitions.toml beside this
module."""

from amur_invest.demo import drawn_once
from exhibitions.demo.pictures import picture
from exhibitions.models import Participation, ParticipationProduct
from partners.models import Consent

LANGUAGES = ("ru", "ja", "en")
DEMO_PICTURES = "exhibitions/demo"


def product_photo(product: ParticipationProduct, kind: str) -> str:
    """The stored picture of a demo product, drawn the first time only: every
    database loaded with the demo shares the same few files."""
    participation = product.participation
    key = f"{participation.exhibition.slug}-{participation.company.slug}"
    name = f"{DEMO_PICTURES}/{key}-{product.position}.jpg"
    return drawn_once(name, lambda: picture(kind, product.name_en))


def give_consent(participation: Participation, row: dict, document: dict) -> None:
    """Sample applications carry a consent as real ones will: the text of the
    data file's [consent] in the applicant's language, from a documentation
    address (RFC 5737)."""
    if participation.consent_id:
        return
    spec = document["consent"]
    text = dict(zip(LANGUAGES, spec["text"], strict=True))[participation.language]
    participation.consent = Consent.objects.create(
        purpose=Consent.Purpose.EXHIBITION_APPLICATION,
        text=text,
        text_version=spec["version"],
        language=participation.language,
        email=participation.email,
        given_at=participation.confirmed_at,
        ip_address="192.0.2.20",
        user_agent="Sample data",
    )
    participation.save(update_fields=["consent"])


PICTURES = {(ParticipationProduct, "photo"): product_photo}
AFTER_SAVE = {Participation: give_consent}
