"""Small lexicons learnt from a few procedure names, for the pure tests of query planning and ranking."""

from search.lexicon import Lexicon, LexiconSource, lexicon_build
from search.text import folded_text, original_text


def lexicon_of_names(names: list[str]) -> Lexicon:
    """The vocabulary of `names`, each indexed twice (name and body alike), so every syllable is known."""
    return lexicon_build(
        [LexiconSource(original_text(n), folded_text(n), original_text(n), folded_text(n)) for n in names * 2]
    )
