"""Split text into words and numbers, the same way for the KB's phrases and for questions."""
from __future__ import annotations

import re

# Money, counts, percentages and words (with inner apostrophes, as in "physician's"). Plain `re`, not
# nltk's RegexpTokenizer: that runs the same pattern through `regex` with a timeout on every call, a
# fifth of a chat request's CPU, and this pattern cannot backtrack (each alternative is a simple run).
TOKEN_PATTERN = r"\$?\d+(?:[.,]\d+)*%?|[a-z]+(?:'[a-z]+)*"
_TOKENIZER = re.compile(TOKEN_PATTERN)
QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def tokenize(text: str) -> list[str]:
    """Split lower-cased text into words and numbers; "$1,234" becomes "1234"."""
    tokens = _TOKENIZER.findall(text.lower().translate(QUOTES))
    return [t.replace("$", "").replace(",", "") if t[0] in "$0123456789" else t for t in tokens]
