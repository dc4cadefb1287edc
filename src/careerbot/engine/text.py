"""Normalize text: tokenize, repair typos, map phrases to canonical terms, drop stopwords, stem."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer
from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.process import extract

from ..kb.tokens import tokenize
from .stopwords import STOPWORDS

_STEMMER = SnowballStemmer("english")
# A token that stands for a lexicon entry, e.g. "setting:hospitals", is never stemmed.
TAG = ":"
MAX_PHRASE = 8
# Regular endings a one-word phrase may carry in a question; only these, since stems make false
# friends ("employer" is not "employed").
INFLECTIONS = ("'s", "s'", "s", "es", "ed", "d", "ing")
MIN_REPAIR = 4
ELONGATED_RE = re.compile(r"([a-z])\1{2,}")
# Shorter words are too often real words the KB lacks ("take" is not a typo of "make"): they are
# only repaired into stopwords ("wats" -> "whats"), which cannot change what an answer is about.
MIN_CONTENT_REPAIR = 5
# Distinct unknown words one question may send to typo repair; the rest stay unknown. A real question
# has a handful (the test questions at most 6), and the cap bounds what a page of junk can cost.
SHORT_WORD = 3  # letters of an unknown word too short to be taken for a name
MAX_REPAIRS = 16
MIN_SPLIT = 3  # letters of each word a run-together word splits into ("jobgrowth" -> "job growth")
# Two or more capitalized words in a row ("Penn Foster"): a name, whose words are not typos of the KB's.
PROPER_RE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")
YEAR_RE = re.compile(r"^(19|20)\d\d$")  # a year, not an amount


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """Stem one word; tags and numbers pass through."""
    if TAG in word or not word[0].isalpha():
        return word
    return _STEMMER.stem(word)


@dataclass(frozen=True)
class Analysis:
    """What the normalizer made of one text."""

    words: tuple[str, ...]  # tokens after typo repair, before phrase mapping
    terms: tuple[str, ...]  # retrieval terms: stems and lexicon tags
    repairs: tuple[tuple[str, str], ...]  # (typed, repaired)
    unknown: tuple[str, ...]  # content words that are not in the KB's vocabulary


class Normalizer:
    """Turn text into retrieval terms with a lexicon of phrases and a vocabulary for typo repair."""

    def __init__(self, phrases: dict[tuple[str, ...], str], vocabulary: set[str], protected: frozenset[str] = frozenset(),
                 places: frozenset[str] = frozenset()):
        self.phrases = phrases
        self.starts = first_words(phrases)  # a word no phrase begins with is looked up once, not 8 times
        # Words of phrases that name what the KB does not cover (other occupations): never repaired into a
        # KB word, and still unknown, since knowing their name is not knowing about them.
        # Not numbers or single letters ("over 30", "k-12 teachers"): "over 30k" names no occupation.
        self.protected = frozenset(w for w in protected - vocabulary - STOPWORDS if w.isalpha() and len(w) > 1)
        self.vocabulary = frozenset(vocabulary) | STOPWORDS
        self.stems = frozenset(stem(w) for w in self.vocabulary if w[0].isalpha())  # "employer" is known from "employers"
        # Candidates grouped as _nearest reads them, so it never looks at a word it would refuse:
        # any word by length, stopwords by length (for short words), and words by first letter and length.
        self._pools = self._pooled(self.vocabulary)
        # A misspelt name of a place the pay table has ("south carolna", "michgan") is that name, still unknown;
        # tried only when no word of the KB's own is near. Not other protected words: "cancer" is no "dancer".
        self._place_pools = self._pooled(self.protected & places)
        self.repair = lru_cache(maxsize=4096)(self._nearest)

    @staticmethod
    def _pooled(words: frozenset[str]) -> dict[tuple, list[str]]:
        pools: dict[tuple, list[str]] = {}
        for word in words:
            if word.isalpha():
                pools.setdefault(("any", len(word)), []).append(word)
                pools.setdefault((word[0], len(word)), []).append(word)
                if word in STOPWORDS:
                    pools.setdefault(("stop", len(word)), []).append(word)
        return pools

    def _nearest(self, word: str) -> str | None:
        """Return the closest vocabulary word within a small edit distance, else the closest place name, or None."""
        return self._closest(word, self._pools) or self._closest(word, self._place_pools)

    def _closest(self, word: str, pools: dict[tuple, list[str]]) -> str | None:
        """Return the closest word of the pools within a small edit distance, or None."""
        if len(word) < MIN_REPAIR or not word.isalpha():
            return None
        limit = 1 if len(word) < 7 else 2
        # Two edits and a new first letter is another word, not a typo; short words only become stopwords.
        group = "stop" if len(word) < MIN_CONTENT_REPAIR else word[0] if limit == 2 else "any"
        best: tuple[int, int, str] | None = None
        for length in range(len(word) - limit, len(word) + limit + 1):
            # rapidfuzz's Damerau-Levenshtein (the distance nltk's edit_distance gives with transpositions)
            # scans in C and skips a candidate as soon as it passes the limit.
            for cand, d, _ in extract(word, pools.get((group, length), ()), scorer=DamerauLevenshtein.distance,
                                      score_cutoff=limit, limit=None):
                if cand in STOPWORDS and cand[0] != word[0] and cand[:2] != word[1::-1]:
                    continue  # "mother", "bother" are words, not "other" mistyped ("teh", "hte" are "the")
                if cand in STOPWORDS and len(word) > len(cand) and word.startswith(cand):
                    continue  # "mayo" is a name, not "may" with a letter too many
                # Prefer fewer edits, then the same first and last letter, then the word itself.
                rank = (d, (cand[0] != word[0]) + (cand[-1] != word[-1]), cand)
                if best is None or rank < best:
                    best = rank
        return best[2] if best else None

    def knows(self, word: str) -> bool:
        """Tell whether a word is the KB's own, or names something the KB knows it does not cover."""
        return word in self.vocabulary or word in self.protected or (word[0].isalpha() and stem(word) in self.stems)

    def _same_stem(self, word: str) -> str | None:
        """Return the lexicon word a misspelt word with a known stem means ("certifed": "certified"), when the
        word's stem begins the lexicon word's ("certif", "certifi"), so it is the same word, misspelt."""
        if stem(word) not in self.stems or word in STOPWORDS:
            return None
        fixed = self.repair(word)
        return fixed if fixed and stem(fixed).startswith(stem(word)) and (fixed,) in self.phrases else None

    def _split(self, word: str) -> tuple[str, str] | None:
        """Return a word typed without its space ("jobgrowth", "medicalcoder") as the two KB words it joins."""
        if len(word) < 2 * MIN_SPLIT or not word.isalpha() or stem(word) in self.stems:
            return None
        for i in range(MIN_SPLIT, len(word) - MIN_SPLIT + 1):
            head, tail = word[:i], word[i:]
            # Two content words: "overpaid" and "useless" are words of their own, not "over paid", "use less".
            if head in self.vocabulary and tail in self.vocabulary and not {head, tail} & STOPWORDS:
                return head, tail
        return None

    def _squeeze(self, word: str) -> str | None:
        """Return a word typed with a letter repeated three times or more, as the KB's word it means."""
        if not ELONGATED_RE.search(word):
            return None
        for n in (2, 1):
            candidate = ELONGATED_RE.sub(lambda m, n=n: m.group(1) * n, word)
            if candidate in self.vocabulary or stem(candidate) in self.stems:
                return candidate
        return None

    def analyze(self, text: str, repair: bool = True) -> Analysis:
        """Normalize one text; `repair=False` for the KB's own text."""
        words, repairs, unknown, tried = [], [], [], set()
        # Only a run of capitalized words none of which the KB knows: "Professional Asosciation" is a typo.
        runs = [] if text.istitle() else [m.group(0).lower().split() for m in PROPER_RE.finditer(text)]
        named = {w for run in runs if not any(self.knows(w) for w in run) for w in run}
        for token in tokenize(text):
            if repair and token not in self.vocabulary and (squeezed := self._squeeze(token)):
                repairs.append((token, squeezed))  # "hiii", "sooo": a letter held down
                token = squeezed
            if repair and token not in self.vocabulary and (parts := self._split(token)):
                repairs.append((token, " ".join(parts)))  # "jobgrowth": two words typed as one
                words.extend(parts[:-1])
                token = parts[-1]
            if token in self.protected:
                unknown.append(token)
            elif repair and token not in self.vocabulary and token[0].isalpha() and (fixed := self._same_stem(token)):
                repairs.append((token, fixed))  # "certifed": known by its stem, but only "certified" is a lexicon word
                token = fixed
            elif repair and token not in self.vocabulary and token[0].isalpha() and stem(token) not in self.stems:
                if len(tried) < MAX_REPAIRS:
                    tried.add(token)
                # After a word nothing repairs, a second unknown word is part of a name ("penn foster"), not a
                # typo, unless the writer has made typos before ("medcial codr eduaction").
                after_unknown = bool(words and unknown and words[-1] == unknown[-1]) and not repairs \
                    and len(unknown[-1]) > SHORT_WORD  # "teh medain": a short unknown word is a typo too
                fixed = self.repair(token) if token in tried and token not in named and not after_unknown else None
                if fixed:
                    repairs.append((token, fixed))
                    token = fixed
                    if fixed in self.protected:
                        unknown.append(fixed)  # known to be a name of what the KB does not cover
                elif token not in STOPWORDS:
                    unknown.append(token)
            words.append(token)
        return Analysis(tuple(words), tuple(self._terms(words)), tuple(repairs), tuple(unknown))

    def _terms(self, words: list[str]) -> list[str]:
        """Map the longest known phrase at each position; stem what is left."""
        return [term if term is not None else stem(word)
                for word, term in match_phrases(words, self.phrases, self.starts)
                if term is not None or word not in STOPWORDS]


class Phrases(dict):
    """A phrase table (words -> term) that knows its phrases' first words; built once, never changed."""

    def __init__(self, table: dict[tuple[str, ...], str]):
        super().__init__(table)
        self.starts = first_words(self)


def first_words(phrases: dict[tuple[str, ...], str]) -> dict[str, int]:
    """Return each first word of a table's phrases, with the length of the longest phrase it begins."""
    out: dict[str, int] = {}
    for words in phrases:
        if words:
            out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


def match_phrases(words: list[str] | tuple[str, ...], phrases: dict[tuple[str, ...], str],
                  starts: frozenset[str] | dict[str, int] | None = None) -> list[tuple[str, str | None]]:
    """Walk the words, taking the longest phrase at each position: (words, term) or (word, None).

    `starts`, the first words of the phrases (a `Phrases` table has its own), skips the lookups at a word
    none begins with; given with their longest phrases' lengths, it tries no longer ones.
    """
    starts = starts if starts is not None else getattr(phrases, "starts", None)
    lengths = starts if isinstance(starts, dict) else None
    out, i = [], 0
    while i < len(words):
        if starts is None or words[i] in starts:
            longest = min(lengths[words[i]] if lengths is not None else MAX_PHRASE, len(words) - i)
        else:
            longest = 0
        for n in range(longest, 0, -1):
            mapped = phrases.get(tuple(words[i : i + n]))
            if mapped is not None:
                out.append((" ".join(words[i : i + n]), mapped))
                i += n
                break
        else:
            base = next((b for b in _bases(words[i]) if (b,) in phrases), None)
            out.append((words[i], phrases[(base,)] if base else None))
            i += 1
    return out


@lru_cache(maxsize=8192)  # the same everyday words come back in every question
def _bases(word: str) -> tuple[str, ...]:
    """Return the word without a regular inflection ("pays" -> "pay"), to find a one-word phrase."""
    return tuple(word[: -len(end)] for end in INFLECTIONS if word.endswith(end) and len(word) - len(end) >= 3)
