"""Dutch text analysis for search: one pipeline, the same at index and query time.

Text is normalised (NFC, every apostrophe read as '), folded (lower case, ë → e), apostrophe
plurals lose their 's (dilemma's → dilemma), stop words go (but not words that carry
meaning here, such as "niet" and "of"), hyphenated words stay whole and are also
indexed by their parts (TMG-leden → tmg-leden, tmg, leden), and what is left is stemmed
with the current Snowball Dutch stemmer, corrected by the vocabulary's stem overrides.
Token offsets point into the NFC text, so snippets show the original spelling.
"""

import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache

import snowballstemmer
from whoosh.analysis import Filter, NgramFilter, StopFilter, Token, Tokenizer
from whoosh.lang.stopwords import stoplists

APOSTROPHES = "’‘´`ʼ′"
WORD_RE = re.compile(r"\w+(?:[-'’‘´`ʼ′]\w+)*")
# Function words that carry meaning in this wiki ("wel of niet melden", "zonder
# draagvlak"): kept, although Snowball's Dutch stop list has them.
MEANINGFUL = frozenset({"niet", "geen", "niets", "of", "zonder", "tegen", "altijd"})
STOP_WORDS = frozenset(stoplists["nl"]) - MEANINGFUL
_APOSTROPHE_TABLE = str.maketrans({mark: "'" for mark in APOSTROPHES})


def normalise(text: str) -> str:
    """Return text in NFC with every apostrophe-like mark as a plain '."""
    return unicodedata.normalize("NFC", text.translate(_APOSTROPHE_TABLE))


def fold(word: str) -> str:
    """Fold one word: lower case, no accents, no apostrophe plural ("Dilemma´s" → dilemma)."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_APOSTROPHE_TABLE))
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    if text.endswith("'s"):
        text = text[:-2]
    return text.replace("'", "")


def lower_word(word: str) -> str:
    """Lower-case one word and drop its apostrophe plural, keeping accents ("Casuïstiek")."""
    text = word.translate(_APOSTROPHE_TABLE).casefold()
    if text.endswith("'s"):
        text = text[:-2]
    return text.replace("'", "")


def fold_phrase(text: str) -> str:
    """Fold every word of text and join them with single spaces."""
    return " ".join(fold(word) for word in WORD_RE.findall(normalise(text)))


class DutchTokenizer(Tokenizer):
    """Split NFC text into words, keeping hyphen and apostrophe compounds together."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        text = normalise(value)
        matches = WORD_RE.finditer(text) if tokenize else [None]
        for pos, match in enumerate(matches):
            token.text = match.group(0) if match else text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = token.text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + (match.start() if match else 0)
                token.endchar = start_char + (match.end() if match else len(text))
            yield token


class FoldFilter(Filter):
    """Fold each token (case, accents, apostrophe plural)."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = fold(token.text)
            if token.text:
                yield token


class LowerFilter(Filter):
    """Lower-case each token, keeping its accents (the words offered as corrections)."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = lower_word(token.text)
            if token.text:
                yield token


class CompoundFilter(Filter):
    """Index a hyphenated word whole and by its parts, at the same position.

    At query time only the whole word is kept: "TMG-leden" asks for that compound, while
    "leden" alone also finds it.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            if "-" not in token.text or token.mode == "query":
                yield token
                continue
            whole, start = token.text, getattr(token, "startchar", None)
            yield token
            offset = 0
            for part in whole.split("-"):
                if part:
                    token.text = part
                    if start is not None:
                        token.startchar = start + offset
                        token.endchar = start + offset + len(part)
                    yield token
                offset += len(part) + 1


class DutchStemFilter(Filter):
    """Stem with Snowball's current Dutch algorithm, after the vocabulary's overrides."""

    is_morph = True

    def __init__(self, overrides: Mapping[str, str] | None = None):
        self.overrides = dict(overrides or {})
        self._stem = None

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.overrides == self.overrides

    def __getstate__(self) -> dict:
        # Whoosh pickles the schema into the index; the stemmer is rebuilt on load.
        return {"overrides": self.overrides}

    def __setstate__(self, state: dict) -> None:
        self.overrides = state["overrides"]
        self._stem = None

    def stem(self, word: str) -> str:
        """Return the stem of one folded word; hyphenated words stem their last part."""
        if self._stem is None:
            self._stem = _stemmer(tuple(sorted(self.overrides.items())))
        return self._stem(word)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            if not token.stopped:
                token.text = self.stem(token.text)
            yield token


@cache
def _stemmer(overrides: tuple[tuple[str, str], ...]):
    # One stemmer (and cache) per set of overrides and process: Whoosh unpickles a
    # fresh analyzer with every writer, which would otherwise start with a cold cache.
    table = dict(overrides)
    snowball = snowballstemmer.stemmer("dutch")

    @lru_cache(maxsize=200_000)
    def plain(word: str) -> str:
        target = table.get(word)
        if target is None:
            return snowball.stemWord(word)
        if target == word or table.get(target) == target:
            return target
        return snowball.stemWord(target)

    @lru_cache(maxsize=200_000)
    def stem(word: str) -> str:
        if "-" in word and word not in table:
            head, _, last = word.rpartition("-")
            return f"{head}-{plain(last)}" if last else word
        return plain(word)

    return stem


def text_analyzer(overrides: Mapping[str, str] | None = None):
    """Return the analyzer of the text fields (title, content, values …)."""
    return (
        DutchTokenizer()
        | FoldFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=1, maxsize=60, renumber=True)
        | CompoundFilter()
        | DutchStemFilter(overrides)
    )


def spelling_analyzer():
    """Return the analyzer of the words offered as spelling suggestions.

    Not stemmed and not folded: a suggestion is shown as the pages spell it.
    """
    return (
        DutchTokenizer()
        | LowerFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=3, maxsize=30)
        | CompoundFilter()
    )


def prefix_analyzer():
    """Return the analyzer of the search-as-you-type field: word beginnings (edge n-grams)."""
    return (
        DutchTokenizer()
        | FoldFilter()
        | CompoundFilter()
        | NgramFilter(minsize=2, maxsize=24, at="start")
    )


def query_words(text: str) -> list[str]:
    """Return the words of a query as typed (NFC, apostrophes normalised)."""
    return WORD_RE.findall(normalise(text))
