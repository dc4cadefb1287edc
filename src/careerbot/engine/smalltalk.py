"""Tell small talk from questions: a message made only of greetings, thanks, goodbyes and the like."""
from __future__ import annotations

from ..kb.model import KB
from ..kb.tokens import tokenize
from .stopwords import STOPWORDS
from .text import YEAR_RE, Normalizer, stem


class SmallTalk:
    """The KB's small-talk patterns and cue words, read against a message's words."""

    def __init__(self, kb: KB, normalizer: Normalizer):
        self.kb, self.normalizer = kb, normalizer
        # Small-talk patterns by their first word, longest first, so a question tries only its own words'.
        self.patterns: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.chat_cues: dict[str, list[str]] = {}  # by stem, when the word itself is no cue
        self.chat_words: dict[str, list[str]] = {}
        for chat in kb.chitchat.values():
            for text in chat.patterns:
                words = tuple(tokenize(text))
                if words:
                    self.patterns.setdefault(words[0], []).append((words, chat.id))
            for cue in chat.cues:
                self.chat_words.setdefault(cue.lower(), []).append(chat.id)
                self.chat_cues.setdefault(stem(cue.lower()), []).append(chat.id)
        for candidates in self.patterns.values():
            candidates.sort(key=lambda item: -len(item[0]))
        # The words that name what the KB is about: its entities, synonyms and topic cues. Another word
        # of its text ("answer", "cover") is plain English, no sign that a message asks about the career.
        cues = {t for topic in kb.topics.values() for cue in topic.cues for t in normalizer.analyze(cue, repair=False).terms}
        self.domain = lambda term: term in kb.entities or term.startswith("=") or term in cues

    def _pattern_at(self, words: tuple[str, ...], i: int) -> tuple[tuple[str, ...], str] | None:
        """Return the small-talk pattern that starts at words[i], with its intent, if one does."""
        return next(((p, c) for p, c in self.patterns.get(words[i], ()) if words[i : i + len(p)] == p), None)

    def covered(self, words: tuple[str, ...], intent: str) -> set[int]:
        """Return the positions of the words that small-talk patterns match and, beside a pattern of the intent,
        of its cue words ("r u a real person or ai": "ai" asks about careerbot; not "will AI wipe those out?")."""
        found = [(i, p) for i in range(len(words)) if (p := self._pattern_at(words, i))]
        cued = {n for n, w in enumerate(words) if intent in (self.chat_words.get(w) or self.chat_cues.get(stem(w)) or ())} \
            if any(p[1] == intent for _, p in found) else set()
        return cued | {n for i, p in found for n in range(i, i + len(p[0]))}

    def intent(self, words: tuple[str, ...]) -> str | None:
        """Return the small-talk intent when the message is small talk alone: patterns, cue words and filler.

        With several intents in one message, the last one said in a phrase wins, then in a cue word,
        courtesies last ("hi, who are you?" is about identity, "thanks, bye" a goodbye). Words the KB does not know may come along ("hey! quick
        q"), no more of them than small-talk phrases; a word the KB knows may not.
        """
        i, said, phrased, strangers, asking, courteous = 0, [], [], 0, False, False
        while i < len(words):
            word = words[i]
            pattern = self._pattern_at(words, i)
            if pattern:
                said.append(pattern[1])
                phrased.append(pattern[1])
                i += len(pattern[0])
                courteous = self.kb.chitchat[pattern[1]].courtesy
                continue
            # "thanks bot", "bye robot": a cue word right after a courtesy, and last, is whom it is said to.
            addressed, courteous = courteous and i == len(words) - 1, False
            i += 1
            asking = asking or word in self.kb.language.question_words
            if YEAR_RE.match(word):
                return None  # "anything newer, like 2022 numbers?": a year asks for figures
            if word in STOPWORDS or not word[0].isalpha():
                continue
            owners = self.chat_words.get(word) or self.chat_cues.get(stem(word))
            if owners and addressed and not self.kb.chitchat[owners[-1]].courtesy:
                continue  # ... but "cool, cya" is a goodbye
            if owners:
                said.append(owners[-1])
            elif self.normalizer.knows(word):
                if any(self.domain(t) for t in self.normalizer.analyze(word, repair=False).terms):
                    return None  # a word of what the KB is about: the message asks something
                strangers += 1
            elif len(word) > 2:
                strangers += 1
        if not said or strangers > len(said) or asking and strangers:
            return None  # "ok what about nationwide": a question about a word it does not know, no thanks
        if asking and all(self.kb.chitchat[c].courtesy for c in said):
            return None  # "ok and whats it now": a courtesy, then a question of its own
        # A phrase says more than a cue word ("where do you get your numbers": sources, not recency), and a
        # courtesy yields to anything else ("how old is this data? thanks!").
        for heard in (phrased, said):
            asked = [c for c in heard if not self.kb.chitchat[c].courtesy]
            if asked:
                return asked[-1]
        return said[-1]
