"""Russian company identifiers, checked by their check digits (python-stdnum)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.jp import cn as stdnum_cn
from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn


def normalize_inn(value: str) -> str:
    """Return the INN as digits, or raise ValidationError with a clear message."""
    digits = stdnum_inn.compact(value or "")
    try:
        return stdnum_inn.validate(digits)
    except StdnumError:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid INN: it must have 10 digits (organisation) "
                "or 12 digits (entrepreneur) with correct check digits."
            ),
            code="invalid_inn",
            params={"value": value},
        ) from None


def normalize_ogrn(value: str) -> str:
    """Return the OGRN (13 digits) or OGRNIP (15 digits) as digits, or raise."""
    digits = stdnum_ogrn.compact(value or "")
    try:
        return stdnum_ogrn.validate(digits)
    except StdnumError:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid OGRN: it must have 13 digits (OGRN) or "
                "15 digits (OGRNIP) with a correct check digit."
            ),
            code="invalid_ogrn",
            params={"value": value},
        ) from None


def validate_inn(value: str) -> None:
    normalize_inn(value)


def validate_ogrn(value: str) -> None:
    if value:
        normalize_ogrn(value)


def validate_corporate_number(value: str) -> None:
    """法人番号: 13 digits, the first a check digit (python-stdnum jp.cn)."""
    try:
        stdnum_cn.validate(value)
    except StdnumError:
        raise ValidationError(
            _(
                "This is not a valid corporate number (法人番号): it has 13 "
                "digits and the first one is a check digit. Please check it, "
                "or leave the field empty."
            ),
            code="invalid_corporate_number",
        ) from None
