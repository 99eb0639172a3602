"""The catalog's vocabulary as stored by indexing (search.lexicon learns it): read once per process and index
change. Query analysis reads it here; callers hand it to the backends with each `SearchRequest`."""

from collections.abc import Iterator

from config.versioned_cache import version_bump, versioned_local
from search.lexicon import Lexicon, LexiconSource, lexicon_build, lexicon_load
from search.models import SearchDocument, SearchLexicon

LEXICON_CACHE_KEY = "search:lexicon"


def lexicon_clear() -> None:
    version_bump(LEXICON_CACHE_KEY)


def search_lexicon() -> Lexicon:
    """The stored vocabulary, loaded once per process and index change.

    Before the first stored lexicon (a fresh install before `search_reindex`), it is learnt from the index.
    """
    return versioned_local(LEXICON_CACHE_KEY, _lexicon_read)


def _lexicon_read() -> Lexicon:
    stored = SearchLexicon.objects.order_by("-pk").first()
    if stored is not None:
        return lexicon_load(stored.data)
    return lexicon_build(lexicon_sources())


def lexicon_sources() -> Iterator[LexiconSource]:
    """The indexed text every lexicon is learnt from."""
    rows = SearchDocument.objects.values_list("name_text", "name_folded", "body_text", "body_folded")
    return (LexiconSource(*row) for row in rows.iterator(chunk_size=2000))
