"""Find Wagtail's English UI strings on a rendered admin screen.

The list of English strings is Wagtail's own message catalogue (every msgid of the installed Wagtail
package's `en` .po files), so a string Wagtail ships untranslated is caught wherever it appears. A screen's
strings are its text (each text node and each element's whole text, so a msgid with inline markup matches),
the attributes people read (title, aria-label, placeholder, alt, button values, data-*-value) and the
strings inside JSON data blocks that scripts render; text inside `hidden` elements (counters a script
fills in) is skipped. A msgid with placeholders ("Page %(page_number)s of %(num_pages)s") matches any text
of that shape. Python values printed as text (True, False, None) count as English too.
"""

import functools
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import polib
import wagtail

# msgids that read the same in Vietnamese (names, abbreviations, codes).
SAME_IN_VIETNAMESE = frozenset({"ID", "URL", "Wagtail", "PDF", "CSV", "JSON", "XLSX", "HTML", "OK", "Email", "Slug"})
_READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "aria-description", "aria-roledescription"}
# Keys of JSON data blocks whose string values people read (wagtailConfig.STRINGS keys are upper case);
# other keys hold identifiers (names, icons, URLs, classes) that are not UI text.
_JSON_TEXT_KEYS = {
    "label",
    "title",
    "text",
    "help_text",
    "helpText",
    "placeholder",
    "heading",
    "description",
    "message",
    "caption",
    "sublabel",
    "addButtonText",
    "chooseButtonText",
    "chooseAnotherButtonText",
    "editButtonText",
}
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


# Python values printed as UI text (a boolean column without a label of its own).
PYTHON_LITERALS = frozenset({"True", "False", "None"})


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Catalogue:
    exact: frozenset[str]
    patterns: tuple[tuple[str, re.Pattern], ...]

    def english_in(self, strings: set[str]) -> set[str]:
        found = {text for text in strings if text in self.exact}
        for text in strings - found:
            for _msgid, pattern in self.patterns:
                if pattern.fullmatch(text):
                    found.add(text)
                    break
        return found


@functools.cache
def wagtail_catalogue() -> Catalogue:
    """Every English msgid (and plural) of the installed Wagtail, with tags stripped and spaces normalised."""
    root = Path(wagtail.__file__).parent
    msgids: set[str] = set()
    for path in root.glob("**/locale/en/LC_MESSAGES/django*.po"):
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            for text in (entry.msgid, entry.msgid_plural):
                text = _normal(_TAG.sub("", text or ""))
                if text and re.search(r"[A-Za-z]{2}", _PLACEHOLDER.sub("", text)) and text not in SAME_IN_VIETNAMESE:
                    msgids.add(text)
    exact = frozenset(text for text in msgids if not _PLACEHOLDER.search(text)) | PYTHON_LITERALS
    patterns = []
    for text in msgids - exact:
        parts = _PLACEHOLDER.split(text)
        if sum(len(re.sub(r"\W", "", part)) for part in parts) < 4:
            continue  # nothing but placeholders and punctuation: matches anything
        patterns.append((text, re.compile("(?:.+?)".join(re.escape(part) for part in parts))))
    return Catalogue(exact=exact, patterns=tuple(patterns))


class _ScreenText(HTMLParser):
    """Text nodes, whole-element texts, read attributes and JSON string values of one HTML document."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.strings: set[str] = set()
        self._open: list[list] = []  # [tag, collected text parts, hidden]
        self._json = False
        self._skip = 0
        self._hidden = 0  # inside elements with the `hidden` attribute (counters a script fills in)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attributes.items():
            if value and (name in _READ_ATTRIBUTES or (name.startswith("data-") and name.endswith("-value"))):
                self.strings.add(_normal(value))
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.strings.add(_normal(attributes["value"]))
        if tag in self.VOID:
            return
        if tag == "script":
            kind = (attributes.get("type") or "").lower()
            self._json = kind.endswith("json")
            self._skip += 0 if self._json else 1
        elif tag == "style":
            self._skip += 1
        hidden = "hidden" in attributes
        self._hidden += hidden
        self._open.append([tag, [], hidden])

    def handle_endtag(self, tag):
        while self._open:
            open_tag, parts, hidden = self._open.pop()
            text = _normal("".join(parts))
            if text and not self._skip and not self._json and not self._hidden:
                self.strings.add(text)
            self._hidden -= hidden
            if self._open:
                self._open[-1][1].extend(parts)
            if open_tag in ("script", "style"):
                if not self._json:
                    self._skip = max(self._skip - 1, 0)
                self._json = False
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._json:
            self._strings_of_json(data)
            return
        if self._skip or self._hidden:
            return
        text = _normal(data)
        if text:
            self.strings.add(text)
        if self._open:
            self._open[-1][1].append(data)

    def _strings_of_json(self, data: str) -> None:
        try:
            value = json.loads(data)
        except ValueError:
            return
        stack: list = [("", value)]
        while stack:
            key, item = stack.pop()
            if isinstance(item, str):
                if key == "html" or (key in _JSON_TEXT_KEYS or key.isupper()) and "<" in item:
                    self.strings |= screen_strings(item)  # markup rendered by scripts (a widget's HTML)
                elif key in _JSON_TEXT_KEYS or key.isupper() or key == "[]":
                    text = _normal(item)
                    if text:
                        self.strings.add(text)
            elif isinstance(item, dict):
                stack.extend(item.items())
            elif isinstance(item, list):
                # Items of a list of texts (month names…) are texts when the list sits under a text key.
                stack.extend(("[]" if key.isupper() or key in _JSON_TEXT_KEYS else "", element) for element in item)


def screen_strings(html: str) -> set[str]:
    parser = _ScreenText()
    parser.feed(html)
    parser.close()
    return parser.strings


def english_strings(html: str) -> set[str]:
    """Wagtail's English UI strings visible (or readable) on the screen rendered as `html`."""
    return wagtail_catalogue().english_in(screen_strings(html))
