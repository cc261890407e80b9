"""Latin readings of names in Han characters, kana and Hangul."""

from __future__ import annotations

import pytest

from dossier.screen.readings import fold_long_vowels, latin_readings


def _latin(name: str, language: str) -> set[str]:
    return {r.latin for r in latin_readings(name) if r.language == language}


@pytest.mark.parametrize(
    ("word", "folded"), [("satou", "sato"), ("oono", "ono"), ("yuuko", "yuko"), ("abe", "abe")]
)
def test_fold_long_vowels(word: str, folded: str) -> None:
    assert fold_long_vowels(word) == folded


def test_han_name_reads_in_three_languages() -> None:
    readings = latin_readings("崔龍海")
    assert {r.language for r in readings} == {"mandarin", "japanese", "korean"}
    assert readings[0].language == "mandarin"
    assert not readings[0].alternative
    assert all(r.alternative for r in readings[1:])
    assert "choe ryong hae" in _latin("崔龍海", "korean")


def test_surname_reading_and_initial_sound_rule() -> None:
    korean = _latin("金大中", "korean")
    assert "kim dae jung" in korean  # 金 as a surname is 김, not 금
    assert {"ri chol", "lee chol"} <= _latin("李哲", "korean")  # North and South


def test_simplified_characters_have_no_japanese_reading() -> None:
    assert not _latin("王伟", "japanese")  # 伟 is written 偉 in Japan


def test_kana_makes_a_name_japanese() -> None:
    readings = latin_readings("山田たろう")
    assert {r.language for r in readings} == {"japanese"}
    assert "yamada taro" in {r.latin for r in readings}


@pytest.mark.parametrize("name", ["Kim Jong Un", "Владимир", "محمد", "たろう", "", "金 Kim"])
def test_other_names_have_no_readings(name: str) -> None:
    assert latin_readings(name) == ()


def test_hangul_gets_customary_surname_spellings() -> None:
    assert {"pak ji song", "park ji song"} <= _latin("박지성", "korean")


def test_korean_readings_in_both_romanisations() -> None:
    korean = _latin("문재인", "korean")
    assert "mun jae in" in korean  # as North Korean names are listed
    assert "moon jae in" in korean  # the surname's customary spelling
    assert "pak kun hye" in _latin("박근혜", "korean")
    assert "park geun hye" in _latin("박근혜", "korean")  # Revised Romanisation
