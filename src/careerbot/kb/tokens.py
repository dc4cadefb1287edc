"""Split text into words and numbers, the same way for the KB's phrases and for questions."""
from __future__ import annotations

from nltk.tokenize import RegexpTokenizer

# Money, counts, percentages and words (with inner apostrophes, as in "physician's").
_TOKENIZER = RegexpTokenizer(r"\$?\d+(?:[.,]\d+)*%?|[a-z]+(?:'[a-z]+)*")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def tokenize(text: str) -> list[str]:
    """Split lower-cased text into words and numbers; "$1,234" becomes "1234"."""
    tokens = _TOKENIZER.tokenize(text.lower().translate(_QUOTES))
    return [t.replace("$", "").replace(",", "") if t[0] in "$0123456789" else t for t in tokens]
