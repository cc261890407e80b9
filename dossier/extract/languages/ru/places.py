"""Countries in Russian and Ukrainian, with their capitals and seats of government.

World knowledge, as in the English gazetteer: a country is named by the English name
the rest of dossier uses, so "России" and "Russia" are one entity; a capital or seat of
government that acts ("Москва отрицает", "Кремль") is the country, as in the English
convention. Forms are dictionary forms; `forms.same_phrase` meets their inflections.
"""

from __future__ import annotations

from dossier.extract.languages.ru.forms import fold, same_phrase, words

# canonical English name -> (names, capitals and seats of government), Russian and Ukrainian
COUNTRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Russia": (
        ("Россия", "Российская Федерация", "РФ", "Росія", "Російська Федерація"),
        ("Москва", "Кремль"),
    ),
    "Iran": (("Иран", "Исламская Республика Иран", "ИРИ", "Іран"), ("Тегеран",)),
    "Ukraine": (("Украина", "Україна"), ("Киев", "Київ")),
    "United States": (
        (
            "США",
            "Соединенные Штаты",
            "Соединенные Штаты Америки",
            "Америка",
            "Сполучені Штати",
            "Сполучені Штати Америки",
        ),
        ("Вашингтон", "Белый дом", "Білий дім"),
    ),
    "United Kingdom": (
        ("Великобритания", "Британия", "Соединенное Королевство", "Велика Британія", "Британія"),
        ("Лондон",),
    ),
    "China": (("Китай", "КНР"), ("Пекин", "Пекін")),
    "Belarus": (("Беларусь", "Белоруссия", "Республика Беларусь", "Білорусь"), ("Минск", "Мінськ")),
    "Syria": (("Сирия", "Сирія"), ("Дамаск",)),
    "North Korea": (("Северная Корея", "КНДР", "Північна Корея"), ("Пхеньян",)),
    "South Korea": (("Южная Корея", "Республика Корея", "Південна Корея"), ("Сеул",)),
    "Israel": (("Израиль", "Ізраїль"), ()),
    "Turkey": (("Турция", "Туреччина"), ("Анкара",)),
    "Germany": (("Германия", "ФРГ", "Німеччина"), ("Берлин", "Берлін")),
    "France": (("Франция", "Франція"), ("Париж",)),
    "Japan": (("Япония", "Японія"), ("Токио", "Токіо")),
    "India": (("Индия", "Індія"), ("Нью-Дели", "Нью-Делі")),
    "Armenia": (("Армения", "Вірменія"), ("Ереван", "Єреван")),
    "Azerbaijan": (("Азербайджан",), ("Баку",)),
    "Georgia": (("Грузия", "Грузія"), ("Тбилиси", "Тбілісі")),
    "Kazakhstan": (("Казахстан",), ("Астана",)),
    "Kyrgyzstan": (("Киргизия", "Кыргызстан", "Киргизстан", "Киргизстан"), ("Бишкек",)),
    "Uzbekistan": (("Узбекистан",), ("Ташкент",)),
    "Tajikistan": (("Таджикистан",), ("Душанбе",)),
    "Turkmenistan": (("Туркмения", "Туркменистан", "Туркменістан"), ("Ашхабад",)),
    "Moldova": (("Молдова", "Молдавия", "Молдавія"), ("Кишинев", "Кишинів")),
    "Iraq": (("Ирак", "Ірак"), ("Багдад",)),
    "Saudi Arabia": (("Саудовская Аравия", "Саудівська Аравія"), ("Эр-Рияд", "Ер-Ріяд")),
    "United Arab Emirates": (
        ("ОАЭ", "Объединенные Арабские Эмираты", "ОАЕ", "Обєднані Арабські Емірати"),
        (),
    ),
    "Qatar": (("Катар",), ("Доха",)),
    "Oman": (("Оман",), ()),
    "Yemen": (("Йемен", "Ємен"), ()),
    "Lebanon": (("Ливан", "Ліван"), ("Бейрут",)),
    "Egypt": (("Египет", "Єгипет"), ("Каир", "Каїр")),
    "Venezuela": (("Венесуэла", "Венесуела"), ()),
    "Cuba": (("Куба",), ()),
    "Poland": (("Польша", "Польща"), ("Варшава",)),
    "Czech Republic": (("Чехия", "Чехія"), ("Прага",)),
    "Slovakia": (("Словакия", "Словаччина"), ()),
    "Hungary": (("Венгрия", "Угорщина"), ("Будапешт",)),
    "Romania": (("Румыния", "Румунія"), ()),
    "Bulgaria": (("Болгария", "Болгарія"), ()),
    "Serbia": (("Сербия", "Сербія"), ()),
    "Greece": (("Греция", "Греція"), ()),
    "Cyprus": (("Кипр", "Кіпр"), ()),
    "Malta": (("Мальта",), ()),
    "Italy": (("Италия", "Італія"), ("Рим",)),
    "Spain": (("Испания", "Іспанія"), ("Мадрид",)),
    "Netherlands": (("Нидерланды", "Голландия", "Нідерланди"), ()),
    "Belgium": (("Бельгия", "Бельгія"), ()),
    "Switzerland": (("Швейцария", "Швейцарія"), ()),
    "Austria": (("Австрия", "Австрія"), ()),
    "Sweden": (("Швеция", "Швеція"), ()),
    "Norway": (("Норвегия", "Норвегія"), ()),
    "Denmark": (("Дания", "Данія"), ()),
    "Finland": (("Финляндия", "Фінляндія"), ()),
    "Estonia": (("Эстония", "Естонія"), ()),
    "Latvia": (("Латвия", "Латвія"), ()),
    "Lithuania": (("Литва",), ()),
    "Canada": (("Канада",), ("Оттава",)),
    "Australia": (("Австралия", "Австралія"), ()),
    "Pakistan": (("Пакистан",), ()),
    "Afghanistan": (("Афганистан", "Афганістан"), ()),
    "Sudan": (("Судан",), ()),
    "Ethiopia": (("Эфиопия", "Ефіопія"), ()),
    "Vietnam": (("Вьетнам", "Вʼєтнам"), ()),
    "Taiwan": (("Тайвань",), ()),
    "Malaysia": (("Малайзия", "Малайзія"), ()),
    "Myanmar": (("Мьянма", "Мʼянма"), ()),
    "Nicaragua": (("Никарагуа", "Нікарагуа"), ()),
}


def _index() -> list[tuple[str, str, bool]]:
    """(form, country, is a capital or seat) for every form."""
    return [
        (form, country, capital)
        for country, (names, seats) in COUNTRIES.items()
        for capital, forms in ((False, names), (True, seats))
        for form in forms
    ]


_FORMS = _index()
# Forms by first letter: a mention is compared only with forms that could be it.
_BY_INITIAL: dict[str, list[tuple[str, str, bool]]] = {}
for _entry in _FORMS:
    _BY_INITIAL.setdefault(fold(_entry[0])[0], []).append(_entry)


def country_of(text: str) -> tuple[str, bool] | None:
    """The country a Russian or Ukrainian name (in any case) names, and whether it is
    a capital or seat of government; None when it names no country."""
    if not words(text):
        return None
    for form, country, capital in _BY_INITIAL.get(fold(text)[0], []):
        if same_phrase(text, form):
            return country, capital
    return None
