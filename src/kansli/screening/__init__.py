"""Screening of text before publication: personal data found and masked. No Django here.

- :mod:`.detect`: personnummer, samordningsnummer, telephone numbers, private e-mail
  addresses, individual social-services cases and private names; masks.
- :mod:`.minutes`: every text of a minutes record, by location, and the record with masks applied.
"""

from .detect import (
    ALWAYS_MASKED,
    DEFAULT_MASKS,
    Finding,
    FindingKind,
    ScreeningConfig,
    apply_masks,
    find_emails,
    find_identity_numbers,
    find_individual_case,
    find_phone_numbers,
    find_private_name,
    identity_number,
    mask_identity_numbers,
    screen,
)
from .minutes import (
    Text,
    map_minutes_texts,
    minutes_texts,
    public_names,
    screen_minutes,
    texts_digest,
)

__all__ = [
    "ALWAYS_MASKED",
    "DEFAULT_MASKS",
    "Finding",
    "FindingKind",
    "ScreeningConfig",
    "Text",
    "apply_masks",
    "find_emails",
    "find_identity_numbers",
    "find_individual_case",
    "find_phone_numbers",
    "find_private_name",
    "identity_number",
    "map_minutes_texts",
    "mask_identity_numbers",
    "minutes_texts",
    "public_names",
    "screen",
    "screen_minutes",
    "texts_digest",
]
