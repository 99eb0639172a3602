"""The query plan every engine evaluates (pure: a small lexicon learnt from a few names)."""

import pytest

from search.plan import ENGINE_READINGS, query_plan
from search.query import SynonymGroup, query_analyse
from tests.search.lexicons import lexicon_of_names

NAMES = [
    "Cấp giấy chứng nhận quyền sử dụng đất",
    "Cấp đổi giấy chứng nhận quyền sở hữu nhà ở",
    "Cấp lại thẻ căn cước công dân",
    "Đăng ký thế chấp quyền sử dụng đất",
    "Cấp bản sao trích lục hộ tịch",
]
# Everyday names, each read as the catalog's words: together they give the query many readings.
GROUPS = [
    SynonymGroup((("giay", "chung", "nhan", "quyen", "su", "dung", "dat"), ("so", "do")), one_way=True),
    SynonymGroup((("giay", "chung", "nhan", "quyen", "so", "huu", "nha", "o"), ("so", "hong")), one_way=True),
    SynonymGroup((("cap", "lai"), ("mat",)), one_way=True),
    SynonymGroup((("the", "can", "cuoc", "cong", "dan"), ("cccd",)), one_way=True),
    SynonymGroup((("trich", "luc"), ("ban", "sao")), one_way=True),
]


@pytest.fixture(scope="module")
def lexicon():
    return lexicon_of_names(NAMES)


def test_the_engines_rank_with_the_likeliest_readings_only(lexicon):
    query = query_analyse("mất cccd sổ đỏ sổ hồng bản sao", lexicon=lexicon, groups=GROUPS)
    assert len(query.readings) > ENGINE_READINGS
    plan = query_plan(query, lexicon)
    assert [r.weight for r in plan.readings] == [r.weight for r in query.readings[:ENGINE_READINGS]]


def test_a_query_with_few_readings_keeps_them_all(lexicon):
    query = query_analyse("mất cccd", lexicon=lexicon, groups=GROUPS)
    assert len(query_plan(query, lexicon).readings) == len(query.readings)


def test_a_reading_that_only_adds_syllables_to_a_likelier_one_is_left_to_the_reranking(lexicon):
    groups = [
        SynonymGroup((("giay", "chung", "nhan", "quyen", "su", "dung", "dat"), ("so", "do")), one_way=True),
        SynonymGroup(
            (("giay", "chung", "nhan", "quyen", "su", "dung", "dat", "quyen", "so", "huu", "nha", "o"), ("so", "do")),
            one_way=True,
        ),
    ]
    query = query_analyse("cấp sổ đỏ", lexicon=lexicon, groups=groups)
    longer = [r for r in query.readings if "huu" in r.tokens]
    assert longer, "the query has the longer catalog reading"
    plan = query_plan(query, lexicon)
    ranked = [tuple(plan.options[term.options[0][0]] for term in r.terms) for r in plan.readings]
    assert ("cap", "giay", "chung", "nhan", "quyen", "su", "dung", "dat") in ranked
    assert not any("huu" in tokens for tokens in ranked)
