"""Fields (lĩnh vực) for people: topics that group them, and aliases that merge names written two ways.

Both are staff-editable in the admin; these functions set them up from rules, never overriding what
staff chose (a field that already has a topic or an alias is left alone). Idempotent.
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count

from catalog.collation import vietnamese_sort_key
from catalog.models import Field, FieldTopic
from catalog.text import fold_diacritics, nfc

TOPICS_PATH = Path(settings.BASE_DIR) / "catalog" / "data" / "field_topics.json"
_TRAILING_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def name_words(text: str, *, fold: bool) -> str:
    """Lower-case words of `text` separated by single spaces, punctuation dropped (diacritics folded
    when `fold`): "An toàn, vệ sinh lao động" → "an toàn vệ sinh lao động"."""
    text = nfc(text).casefold()
    if fold:
        text = fold_diacritics(text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def field_variant_key(name: str) -> str:
    """Names that differ only in punctuation, case, spacing or a trailing bracketed qualifier share this
    key ("Thi đua – Khen thưởng", "Thi đua, khen thưởng"; "Việc làm (G07-LĐ11)", "Việc làm"). Diacritics
    count: "Thuế" and "Thuê" are different words."""
    return name_words(_TRAILING_QUALIFIER.sub("", name), fold=False)


@dataclass(frozen=True)
class FieldMergeResult:
    aliased: int
    groups: int


@transaction.atomic
def fields_merge_variants() -> FieldMergeResult:
    """Make every field whose name is only a variant of another's an alias of it: within a group of
    variants the field with the most procedures (then the first in Vietnamese order) is the one shown.
    Fields that are already aliases, or have aliases, keep what staff set."""
    fields = list(Field.objects.annotate(n=Count("procedures")))
    groups: dict[str, list[Field]] = defaultdict(list)
    for field in fields:
        groups[field_variant_key(field.name)].append(field)
    aliased = merged_groups = 0
    has_aliases = set(Field.objects.exclude(alias_of=None).values_list("alias_of_id", flat=True))
    for members in groups.values():
        if len(members) < 2:
            continue
        existing = [f for f in members if f.pk in has_aliases]
        main = existing[0] if existing else min(members, key=lambda f: (-f.n, vietnamese_sort_key(f.name)))
        changed = 0
        for field in members:
            if field.pk == main.pk or field.alias_of_id is not None or field.pk in has_aliases:
                continue
            field.alias_of = main
            field.full_clean()
            field.save(update_fields=["alias_of"])
            changed += 1
        aliased += changed
        merged_groups += bool(changed)
    return FieldMergeResult(aliased=aliased, groups=merged_groups)


@dataclass(frozen=True)
class TopicLoadResult:
    topics_created: int
    fields_assigned: int


def _topic_rules(path: Path) -> list[dict]:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValidationError(f"{path}: không đọc được tệp chủ đề ({error}).") from error
    topics = document.get("topics")
    if not isinstance(topics, list) or not topics:
        raise ValidationError(f"{path}: thiếu danh sách “topics”.")
    for index, topic in enumerate(topics):
        for key in ("slug", "name"):
            if not isinstance(topic.get(key), str) or not topic[key].strip():
                raise ValidationError(f"{path}: chủ đề thứ {index + 1} thiếu “{key}”.")
    return topics


def _matches(field_name: str, keywords: list[str]) -> bool:
    """Whether a keyword occurs in the name as whole words. Diacritics count ("biển" is not "biên"),
    except for a name written without any, which is compared with the keywords' folded forms."""
    fold = fold_diacritics(field_name) == field_name
    padded = f" {name_words(field_name, fold=fold)} "
    return any(f" {name_words(keyword, fold=fold)} " in padded for keyword in keywords if keyword.strip())


@transaction.atomic
def field_topics_load(*, path: Path = TOPICS_PATH) -> TopicLoadResult:
    """Create the topics of `path` that do not exist yet (by slug; staff edits to existing ones stay), then
    give every field without a topic the first topic whose keywords occur in its name (whole words), or
    the fallback topic. Alias fields follow the field they are an alias of."""
    rules = _topic_rules(path)
    created = 0
    fallback = None
    for order, rule in enumerate(rules):
        topic, was_created = FieldTopic.objects.get_or_create(
            slug=rule["slug"],
            defaults={
                "name": rule["name"],
                "description": rule.get("description", ""),
                "keywords": "\n".join(rule.get("keywords", [])),
                "sort_order": order,
            },
        )
        created += was_created
        if rule.get("fallback"):
            fallback = topic
    topics = list(FieldTopic.objects.order_by("sort_order", "pk"))
    assigned = 0
    for field in Field.objects.filter(topic=None).select_related("alias_of"):
        if field.alias_of_id and field.alias_of.topic_id:
            topic = field.alias_of.topic
        else:
            topic = next((t for t in topics if _matches(field.name, t.keyword_list)), fallback)
        if topic is not None:
            field.topic = topic
            field.save(update_fields=["topic"])
            assigned += 1
    return TopicLoadResult(topics_created=created, fields_assigned=assigned)
