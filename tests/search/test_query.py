"""Query analysis against the catalog's own vocabulary (pure: a small lexicon learnt from a few names)."""

import pytest

from search.lexicon import LexiconSource, lexicon_build
from search.query import FILLER_FACTOR, SynonymGroup, query_analyse
from search.text import folded_text, original_text

NAMES = [
    ("Thủ tục đăng ký kết hôn", "Giấy chứng nhận kết hôn"),
    ("Thủ tục đăng ký khai sinh", "Trích lục khai sinh"),
    ("Cấp Phiếu lý lịch tư pháp", "Phiếu lý lịch tư pháp"),
    ("Gia hạn giấy phép xây dựng", "Giấy phép xây dựng"),
    ("Cấp giấy phép xây dựng nhà ở", "Giấy phép xây dựng"),
    ("Cấp lại văn bằng, chứng chỉ", "Văn bằng"),
    ("Cấp lại thẻ căn cước", "Thẻ căn cước"),
    ("Giải quyết hưởng chế độ TNLĐ", "Bảo hiểm tai nạn lao động"),
    ("Giải quyết hưởng chế độ TNLĐ lần đầu", "Chế độ tai nạn lao động"),
    ("Thủ tục thôi quốc tịch", "Quyết định"),
]


@pytest.fixture(scope="module")
def lexicon():
    sources = [
        LexiconSource(original_text(name), folded_text(name), original_text(body), folded_text(body))
        for name, body in NAMES * 2  # every syllable used by at least two procedures
    ]
    return lexicon_build(sources)


def parse(text, lexicon, groups=()):
    return query_analyse(text, lexicon=lexicon, groups=list(groups))


def test_telex_leftovers_become_catalog_syllables(lexicon):
    assert parse("caaps laij", lexicon).folded == ("cap", "lai")


def test_telex_leftovers_keep_the_typed_tone(lexicon):
    assert parse("caaps laij", lexicon).tokens == ("cấp", "lại")


def test_run_together_words_are_split_into_catalog_syllables(lexicon):
    assert parse("lylichtuphap", lexicon).folded == ("li", "lich", "tu", "phap")


def test_run_together_words_follow_the_catalog_bigrams(lexicon):
    assert parse("dang ky kethon", lexicon).folded == ("dang", "ki", "ket", "hon")


def test_a_corrected_query_is_suggested_with_diacritics(lexicon):
    assert parse("dang ky kethon", lexicon).suggestion == "dang ky kết hôn"


def test_a_regional_spelling_gets_the_catalog_syllable_as_an_option(lexicon):
    options = dict(parse("khai sanh", lexicon).readings[0].terms[1].options)
    assert options.get("sinh", 0) > 0


def test_a_typo_gets_the_catalog_syllable_as_an_option(lexicon):
    options = dict(parse("khai sihn", lexicon).readings[0].terms[1].options)
    assert options.get("sinh", 0) > 0


def test_question_words_weigh_little(lexicon):
    terms = parse("thôi quốc tịch thế nào", lexicon).readings[0].terms
    assert terms[-1].weight <= terms[0].weight * FILLER_FACTOR * 10


def test_a_one_way_group_reads_the_everyday_word_as_the_catalogs(lexicon):
    group = SynonymGroup((("cap", "lai"), ("mat",)), one_way=True)
    readings = parse("mất thẻ căn cước", lexicon, [group]).readings
    assert any(reading.tokens[:2] == ("cap", "lai") for reading in readings)


def test_a_one_way_group_does_not_read_the_catalog_word_as_everyday(lexicon):
    group = SynonymGroup((("cap", "lai"), ("mat",)), one_way=True)
    readings = parse("cấp lại thẻ căn cước", lexicon, [group]).readings
    assert all("mat" not in reading.tokens for reading in readings)


def test_an_everyday_name_weighs_what_it_replaces(lexicon):
    group = SynonymGroup((("the", "can", "cuoc"), ("cccd",)), one_way=True)
    parsed = parse("mất cccd", lexicon, [group])
    typed, replaced = parsed.readings[0], parsed.readings[1]
    assert sum(t.weight for t in replaced.terms[1:]) == pytest.approx(typed.terms[1].weight)


def test_a_spelled_out_phrase_also_reads_as_the_catalogs_abbreviation(lexicon):
    readings = parse("tai nạn lao động", lexicon).readings
    assert any(reading.tokens == ("tnld",) for reading in readings)


def test_the_abbreviation_is_spelled_out_as_the_catalog_does(lexicon):
    assert lexicon.acronyms["tnld"] == ("tai", "nan", "lao", "dong")


def test_a_national_code_is_recognised(lexicon):
    assert parse("1.001193", lexicon).code == "1.001193"
