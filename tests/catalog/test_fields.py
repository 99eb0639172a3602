"""Field topics (chủ đề) and aliases of field-name variants (catalog.services.fields)."""

import json

import pytest
from django.core.exceptions import ValidationError

from catalog.models import Field, FieldTopic
from catalog.services.fields import field_topics_load, field_variant_key, fields_merge_variants
from tests.factories.catalog import FieldFactory, FieldTopicFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("An toàn vệ sinh lao động", "An toàn, vệ sinh lao động"),
        ("Thi đua – Khen thưởng", "Thi đua, khen thưởng"),
        ("Tổ chức cán bộ", "Tổ chức,  cán bộ"),
        ("Việc làm (G07-LĐ11)", "Việc làm"),
    ],
)
def test_variant_names_share_a_key(a, b):
    assert field_variant_key(a) == field_variant_key(b)


@pytest.mark.parametrize(("a", "b"), [("Thuế", "Thuê"), ("Khoa học công nghệ", "Khoa học và Công nghệ")])
def test_different_names_do_not_share_a_key(a, b):
    assert field_variant_key(a) != field_variant_key(b)


def test_variants_become_aliases_of_the_field_with_most_procedures():
    small = FieldFactory(name="An toàn vệ sinh lao động")
    big = FieldFactory(name="An toàn, vệ sinh lao động")
    ProcedureFactory(field=small)
    ProcedureFactory.create_batch(2, field=big)

    result = fields_merge_variants()
    small.refresh_from_db()

    assert small.alias_of == big and result.aliased == 1


def test_merging_twice_changes_nothing():
    FieldFactory(name="Thi đua - khen thưởng")
    FieldFactory(name="Thi đua, khen thưởng")
    fields_merge_variants()

    assert fields_merge_variants().aliased == 0


def test_merging_keeps_an_alias_staff_chose():
    other = FieldFactory(name="Thi đua khen thưởng chung")
    chosen = FieldFactory(name="Thi đua, khen thưởng", alias_of=other)
    FieldFactory(name="Thi đua - khen thưởng")

    fields_merge_variants()
    chosen.refresh_from_db()

    assert chosen.alias_of == other


def test_an_alias_of_an_alias_is_refused():
    main = FieldFactory(name="Chính")
    alias = FieldFactory(name="Phụ", alias_of=main)
    field = FieldFactory(name="Khác")
    field.alias_of = alias

    with pytest.raises(ValidationError) as error:
        field.full_clean()

    assert "alias_of" in error.value.message_dict


def _topics_file(tmp_path, topics):
    path = tmp_path / "topics.json"
    path.write_text(json.dumps({"topics": topics}, ensure_ascii=False), encoding="utf-8")
    return path


def test_fields_get_the_first_topic_whose_keyword_they_contain(tmp_path):
    path = _topics_file(
        tmp_path,
        [
            {"slug": "ho-tich", "name": "Hộ tịch, cư trú", "keywords": ["hộ tịch", "cư trú"]},
            {"slug": "moi-truong", "name": "Môi trường", "keywords": ["biển"]},
            {"slug": "khac", "name": "Khác", "keywords": [], "fallback": True},
        ],
    )
    FieldFactory(name="Đăng ký, quản lý cư trú")
    FieldFactory(name="Biển và hải đảo")
    FieldFactory(name="Quản lý biên giới")

    field_topics_load(path=path)
    topics = dict(Field.objects.values_list("name", "topic__slug"))

    assert topics == {
        "Đăng ký, quản lý cư trú": "ho-tich",
        "Biển và hải đảo": "moi-truong",
        "Quản lý biên giới": "khac",
    }


def test_a_name_without_diacritics_matches_the_folded_keyword(tmp_path):
    path = _topics_file(tmp_path, [{"slug": "ho-tich", "name": "Hộ tịch", "keywords": ["hộ tịch"]}])
    field = FieldFactory(name="Ho tich")

    field_topics_load(path=path)
    field.refresh_from_db()

    assert field.topic.slug == "ho-tich"


def test_topics_keep_staff_edits_and_assignments(tmp_path):
    path = _topics_file(tmp_path, [{"slug": "ho-tich", "name": "Hộ tịch", "keywords": ["hộ tịch"]}])
    FieldTopicFactory(slug="ho-tich", name="Hộ tịch (đã sửa)")
    other = FieldTopicFactory(slug="khac")
    field = FieldFactory(name="Hộ tịch", topic=other)

    result = field_topics_load(path=path)
    field.refresh_from_db()

    assert FieldTopic.objects.get(slug="ho-tich").name == "Hộ tịch (đã sửa)" and field.topic == other
    assert result.topics_created == 0


def test_an_alias_follows_its_main_field_topic(tmp_path):
    path = _topics_file(tmp_path, [{"slug": "khac", "name": "Khác", "keywords": [], "fallback": True}])
    topic = FieldTopicFactory(slug="lao-dong")
    main = FieldFactory(name="An toàn vệ sinh lao động", topic=topic)
    alias = FieldFactory(name="An toàn, vệ sinh lao động", alias_of=main)

    field_topics_load(path=path)
    alias.refresh_from_db()

    assert alias.topic == topic


def test_a_topics_file_without_topics_is_refused(tmp_path):
    path = tmp_path / "topics.json"
    path.write_text('{"chu_de": []}', encoding="utf-8")

    with pytest.raises(ValidationError, match="topics"):
        field_topics_load(path=path)


def test_the_shipped_topics_file_loads():
    result = field_topics_load()

    assert result.topics_created == FieldTopic.objects.count() >= 10
