"""The knowledge base: its files, their shape, the typed model, the checks; loaded only when sound."""
from .files import KBError, Problem
from .load import bundled_path, check, load, resolve_path
from .model import KB, Entity, Fact, Figure, Source, Topic

__all__ = ["KB", "Entity", "Fact", "Figure", "KBError", "Problem", "Source", "Topic", "bundled_path", "check", "load",
           "resolve_path"]
