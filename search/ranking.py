"""One ranking policy for every backend: backends find candidates, this orders the best of them.

Backends differ in what they can match (fuzzy, phrase), but the order users see follows the same rules:
an exact phrase in the name beats scattered syllables, diacritics typed exactly beat folded matches, a
short name that is just the query beats a long one that merely contains it.
"""

import html
import re

from search.query import ParsedQuery
from search.text import contains_phrase, fold_token, within_one_edit

SNIPPET_CHARS = 220


def _coverage(query: tuple[str, ...], haystack: set[str], *, fuzzy: bool) -> float:
    if not query:
        return 0.0
    total = 0.0
    for token in query:
        if token in haystack:
            total += 1.0
        elif fuzzy and len(token) >= 3:
            size = len(token)
            if any(len(w) >= 3 and abs(len(w) - size) <= 1 and within_one_edit(token, w) for w in haystack):
                total += 0.7
    return total / len(query)


def candidate_score(
    query: ParsedQuery, *, name_text: str, name_folded: str, body_folded: str, native: float, fuzzy: bool
) -> float:
    """Relevance of one candidate (higher is better); `native` is the backend's own score scaled to 0..1."""
    name_tokens = name_folded.split()
    name_set = set(name_tokens)
    body_set = set(body_folded.split())
    original_name = name_text.split()
    best = 0.0
    for alternative in query.alternatives:
        q = alternative.tokens
        if not q:
            continue
        name_cov = _coverage(q, name_set, fuzzy=fuzzy)
        body_cov = _coverage(q, body_set | name_set, fuzzy=fuzzy)
        phrase = 1.0 if contains_phrase(name_tokens, list(q)) else 0.0
        brevity = min(1.0, len(q) / max(1, len(name_tokens)))
        score = 4.0 * phrase + 3.0 * name_cov + 1.0 * body_cov + 2.0 * brevity * name_cov * (0.5 + 0.5 * phrase)
        best = max(best, score * alternative.weight)
    if query.tokens:
        exact = sum(1 for token in query.tokens if token in original_name) / len(query.tokens)
        best += 1.0 * exact + (0.8 if contains_phrase(original_name, list(query.tokens)) else 0.0)
    return best + 0.5 * native


def _mark(text: str, wanted: set[str]) -> str:
    """HTML-escaped `text` with every syllable whose folded form is wanted wrapped in <mark>."""
    out: list[str] = []
    last = 0
    for match in re.finditer(r"[^\W_]+", text):
        out.append(html.escape(text[last : match.start()]))
        word = match.group(0)
        if fold_token(word.casefold()) in wanted:
            out.append(f"<mark>{html.escape(word)}</mark>")
        else:
            out.append(html.escape(word))
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def highlight(query: ParsedQuery, *, name: str, body: str) -> dict[str, str]:
    """Highlighted name and a snippet of the body around the first matching syllable (safe HTML)."""
    wanted = set(query.all_folded_tokens)
    snippet = body
    if len(body) > SNIPPET_CHARS:
        start = 0
        for match in re.finditer(r"[^\W_]+", body):
            if fold_token(match.group(0).casefold()) in wanted:
                start = max(0, match.start() - 60)
                break
        snippet = ("…" if start else "") + body[start : start + SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"
    return {"name": _mark(name, wanted), "snippet": _mark(snippet, wanted)}
