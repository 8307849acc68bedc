"""The lexical side of search: a tokenizer and a BM25 index built once at ingest and saved.

Queries load the saved index; nothing here is rebuilt per question.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

_TOKEN = re.compile(r"[^\W_]+(?:\.[0-9]+)?")  # letters of any script, and digits
# Accents are folded so "Zurich" finds "Zürich" and "Colon" finds "Colón": people often type names
# without them. NFD splits "ü" into "u" + a combining mark, which is then dropped; these letters
# do not split, so they are spelled out.
_UNSPLIT = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d",
     "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i"}
)
_MARKS = re.compile(r"[\u0300-\u036f]")  # combining diacritics (Latin, Greek, Cyrillic accents)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
# A footnote's mark on a word is no part of it: a table's "Weight²" or "Range¹" column is "weight", "range".
_FOOTNOTE_MARK = re.compile(r"(?<=[^\W\d_])[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")
_CLITIC = re.compile(r"(?<=[a-z])['’](s|re|ve|ll|d|t|m)\b")  # who's, they're, don't: drop the clitic
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves tell give show list please don doesn didn isn aren wasn weren won wouldn
    couldn shouldn hasn haven hadn""".split()
)


def tokenize(text: str) -> list[str]:
    """Lower-cased, stemmed word and number tokens without stopwords; '1,760' stays one number."""
    text = _CLITIC.sub("", _THOUSANDS.sub("", _FOOTNOTE_MARK.sub("", fold_accents(text)).lower()))
    return [_stem(tok) for tok in _TOKEN.findall(text) if tok not in STOPWORDS and (len(tok) > 1 or tok.isdigit())]


def fold_accents(text: str) -> str:
    """`text` without accents on its letters.

    >>> fold_accents("Zürich, Colón, Møller")
    'Zurich, Colon, Moller'
    """
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFD", text.translate(_UNSPLIT)))


@lru_cache(maxsize=65536)
def _stem(token: str) -> str:
    # Snowball (Porter 2): 'operate', 'operational' and 'operating' all meet at 'oper'.
    if token[0].isdigit():
        return token
    # Snowball leaves 'gpus' alone (it reads '-us' as Latin); a plain plural cut first makes 'gpus' meet 'gpu'.
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        token = token[:-1]
    return _stemmer().stemWord(token)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


class LexicalIndex:
    """BM25 over chunk texts; rows are positions in the chunk table saved beside it."""

    def __init__(self, retriever) -> None:
        self._retriever = retriever

    @classmethod
    def build(cls, texts: Iterable[str]) -> LexicalIndex:
        import bm25s

        corpus = [tokenize(t) or ["\u2205"] for t in texts]  # an empty row would shift the ids
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index(corpus, show_progress=False)
        return cls(retriever)

    def save(self, directory: Path) -> None:
        self._retriever.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        import bm25s

        return cls(bm25s.BM25.load(str(directory), show_progress=False, verbosity=0))

    def search(self, query_tokens: Sequence[str], k: int) -> list[tuple[int, float]]:
        """(row, score) pairs, best first, only rows that share a term with the query."""
        known = [t for t in query_tokens if self.knows(t)]
        if not known:
            return []
        scores = self._retriever.get_scores(known)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def idf(self) -> dict[str, float]:
        """Inverse document frequency of every indexed token (BM25's smoothed form)."""
        postings = np.diff(np.asarray(self._retriever.scores["indptr"]))
        n_docs = int(self._retriever.scores["num_docs"]) or 1
        table = {}
        for token, column in self._retriever.vocab_dict.items():
            df = int(postings[column]) if column < len(postings) else 0
            if token and df:
                table[token] = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
        return table

    def knows(self, token: str) -> bool:
        return token in self._retriever.vocab_dict
