"""Demo contact details of the agency. The agency is real; the address line,
phone, email and the Japan desk person here are invented for the demo."""

from showcase.models import AgencyContact

CONTACT = {
    "address_ru": "675000, Амурская область, г. Благовещенск (адрес для демонстрации)",
    "address_ja": "675000 ロシア連邦アムール州ブラゴヴェシチェンスク市（デモ用の住所）",
    "address_en": "675000 Blagoveshchensk, Amur Region, Russia (demo address)",
    "phone": "+7 4162 000 000",
    "email": "info@amurinvest.example",
    "hours_ru": "Пн–Пт 9:00–18:00 (UTC+9, как в Токио)",
    "hours_ja": "月〜金 9:00〜18:00（UTC+9、東京と同じ時刻）",
    "hours_en": "Mon–Fri 9:00–18:00 (UTC+9, the same as Tokyo)",
    "japan_desk_name_ru": "Анна Морозова, менеджер по работе с японскими партнёрами",
    "japan_desk_name_ja": "アンナ・モロゾワ（日本担当マネージャー）",
    "japan_desk_name_en": "Anna Morozova, manager for Japanese partners",
    "japan_desk_email": "japan@amurinvest.example",
    "japan_desk_phone": "+7 4162 000 001",
}


def load() -> None:
    contact = AgencyContact.load()
    for name, value in CONTACT.items():
        setattr(contact, name, value)
    contact.save()
