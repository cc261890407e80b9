"""Latin readings of names in Han characters, kana and Hangul."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from dossier.screen.kanwa import SplitKanwa, _split_of, read_split, split_kanwa, split_path
from dossier.screen.readings import fold_long_vowels, hanja_table, latin_readings


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


def test_hanja_table_is_hanjas_own() -> None:
    from hanja.table import hanja_table as yaml_table  # type: ignore[import-untyped]

    assert list(hanja_table().items()) == list(yaml_table.items())


def test_split_kanwa_holds_every_entry_of_pykakasis_dictionary(tmp_path: Path) -> None:
    from pykakasi.properties import Configurations

    source = Path(str(Configurations.data_path)) / Configurations.jisyo_kanwa
    with source.open("rb") as handle:
        table = pickle.load(handle)
    path = split_path(source, tmp_path)
    split_kanwa(table, path)
    split = read_split(path)
    assert split is not None
    assert len(split) == len(table)
    assert all(list(split.get(key).items()) == list(entry.items()) for key, entry in table.items())
    assert split.get(1) is None


def test_split_kanwa_rejects_a_file_of_another_kind(tmp_path: Path) -> None:
    (tmp_path / "other").write_bytes(b"not a split dictionary")
    assert read_split(tmp_path / "other") is None
    assert read_split(tmp_path / "missing") is None


def test_split_kanwa_rejects_a_file_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "kanwa.split"
    split_kanwa({ord("山"): {"山": [("やま", None)]}, ord("川"): {"川": [("かわ", None)]}}, path)
    whole = path.read_bytes()
    assert read_split(path) is not None
    for size in (len(whole) - 1, len(whole) // 2, 30):
        path.write_bytes(whole[:size])
        assert read_split(path) is None


def test_kanwa_without_a_writable_cache_is_pykakasis_table(tmp_path: Path) -> None:
    from pykakasi.properties import Configurations

    source = Path(str(Configurations.data_path)) / Configurations.jisyo_kanwa
    (tmp_path / "file").write_text("")
    table = _split_of(source, tmp_path / "file" / "cache")  # not a folder: cannot be made
    assert isinstance(table, dict)
    assert table[ord("山")]


def test_japanese_readings_through_the_split_dictionary() -> None:
    from pykakasi.kanji import Kanwa

    assert _latin("山田太郎", "japanese") == {"yamada taro", "yamada tarou"}
    # (pykakasi's own whole table only where the user cache folder is not writable)
    assert isinstance(Kanwa()._jisyo_table, SplitKanwa | dict)
