"""What a conversation remembers from its last answer, for the follow-up questions that lean on it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Context:
    """What a conversation remembers from its last answered question."""

    intent: str | None = None
    entities: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    fact_ids: tuple[str, ...] = ()
    figure_ids: tuple[str, ...] = ()  # the figures the answer used, the one it was about first
    terms: tuple[str, ...] = ()  # what the question asked about, for a follow-up that only points back ("why?")
    ops: tuple[str, ...] = ()  # the operation the question asked for and got ("min"), for "and the most?"
    qtypes: tuple[str, ...] = ()  # the kind of answer it asked for ("who"), for "any others?"
    named: tuple[str, ...] = ()  # the figures of what the question named ("mail-order pharmacies")
    earlier: tuple[str, ...] = ()  # the same for the answer before, for "the difference between those two"
    asked: tuple[str, ...] = ()  # the conversation's questions, latest last, so no suggestion repeats one
    pay: tuple[str, ...] = ()  # what a pay-table answer was about ("occ=29-1141", "area=39"), for "and in Oregon?"
