"""The shared re-ranking score (pure: a small lexicon learnt from a few names)."""

from dataclasses import replace

import pytest

from search.query import SynonymGroup, query_analyse
from search.ranking import Signals, candidate_score
from search.text import folded_tokens, name_head, tokens
from tests.search.lexicons import lexicon_of_names

NAMES = [
    "Cấp giấy chứng nhận quyền sử dụng đất",
    "Cấp đổi giấy chứng nhận quyền sở hữu nhà ở",
    "Cấp lại giấy chứng nhận do bị mất",
    "Cấp lại thẻ căn cước",
    "Đăng ký thế chấp quyền sử dụng đất",
]
GROUPS = [
    SynonymGroup((("giay", "chung", "nhan", "quyen", "su", "dung", "dat"), ("so", "do")), one_way=True),
    SynonymGroup((("giay", "chung", "nhan", "quyen", "so", "huu", "nha", "o"), ("so", "hong")), one_way=True),
    SynonymGroup((("cap", "lai"), ("mat",)), one_way=True),
]


@pytest.fixture(scope="module")
def lexicon():
    return lexicon_of_names(NAMES)


def _signals(name: str) -> Signals:
    return Signals(
        name=name, name_folded=folded_tokens(name), name_text=tokens(name), head=list(name_head(name)), local=0.5
    )


@pytest.mark.parametrize("q", ["mất sổ đỏ", "cấp đổi sổ hồng", "mat so do cap lai", "thế chấp sổ đỏ"])
def test_a_candidate_scores_its_best_reading_whatever_order_the_readings_come_in(lexicon, q):
    query = query_analyse(q, lexicon=lexicon, groups=GROUPS)
    assert len(query.readings) > 1
    backwards = replace(query, readings=query.readings[::-1])
    for name in NAMES:
        assert candidate_score(backwards, _signals(name)) == pytest.approx(candidate_score(query, _signals(name)))
