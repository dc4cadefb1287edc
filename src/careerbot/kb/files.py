"""Read the KB's YAML files into plain data that remembers the line of every mapping."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

FILES = ("sources", "facts", "lexicon", "topics", "chitchat")


class Marked(dict):
    """A YAML mapping that knows the file and line it was read from."""

    file: str = "?"
    line: int = 0
    key_lines: dict  # line of each key, for problems inside a value that has no line of its own


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a KB, located for the curator."""

    file: str
    line: int
    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.item}: {self.message}"


class KBError(Exception):
    """A KB that failed its check; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# libyaml's parser, where PyYAML was built with it, reads the KB several times faster (the SOC titles
# alone are ~1,000 rows); a file it rejects is read again by the pure-Python parser for its message.
FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _loader_for(file: str, base: type = yaml.SafeLoader) -> type[yaml.SafeLoader]:
    """Build a SafeLoader that marks mappings with their line and rejects duplicate keys."""

    class Loader(base):
        duplicates: list[Problem] = []

    def construct(loader: Loader, node: yaml.MappingNode) -> Marked:
        seen: set = set()
        key_lines = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in seen:
                Loader.duplicates.append(
                    Problem(file, key_node.start_mark.line + 1, str(key), "duplicate key in one mapping")
                )
            seen.add(key)
            key_lines[key] = key_node.start_mark.line + 1
        mapping = Marked(loader.construct_mapping(node, deep=True))
        mapping.file, mapping.line, mapping.key_lines = file, node.start_mark.line + 1, key_lines
        return mapping

    Loader.duplicates = []
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct)
    return Loader


def read_optional(path: Path) -> tuple[Marked | None, list[Problem]]:
    """Parse an optional KB file: nothing and no problem when it is absent."""
    return read_file(path, str(path)) if path.is_file() else (None, [])


def read_file(path: Path, label: str) -> tuple[Marked | None, list[Problem]]:
    """Parse one YAML file; return its top mapping or the problems that stop it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(label, 1, "-", "file is missing")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(label, 1, "-", f"cannot read file: {exc}")]
    loader = _loader_for(label, FAST)
    try:
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError:
        loader = _loader_for(label)  # the pure-Python parser says where and what, the same on every machine
        try:
            data = yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
        except yaml.YAMLError as exc:
            return None, [_syntax(label, exc)]
    if not isinstance(data, Marked):
        return None, [Problem(label, 1, "-", "the file must hold a mapping at the top level")]
    return data, list(loader.duplicates)


def _syntax(label: str, exc: yaml.YAMLError) -> Problem:
    """Locate a YAML syntax error for the curator."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        opened = exc.context_mark.line + 1 if exc.context_mark and exc.context_mark.line + 1 != line else None
        context = f" ({exc.context} at line {opened})" if opened and exc.context else ""
        return Problem(label, line, "-", f"YAML syntax: {exc.problem or exc}{context}")
    return Problem(label, 1, "-", f"YAML: {exc}")


TODO = "# TODO"  # a decision a draft leaves to the curator (see `careerbot kb draft`)


def todos(path: Path, label: str) -> list[Problem]:
    """List the `# TODO` comments of a file: what a curator has still to decide, top to bottom."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # read_file says why
    return [Problem(label, n, "TODO", line.split(TODO, 1)[1].strip(" :") or "decide and delete this comment")
            for n, line in enumerate(lines, start=1) if TODO in line]


def read_kb(folder: Path) -> tuple[dict[str, Marked], list[Problem]]:
    """Read every KB file in a folder; problems name files relative to what the user gave."""
    raw: dict[str, Marked] = {}
    problems: list[Problem] = []
    for name in FILES:
        path = folder / f"{name}.yaml"
        data, found = read_file(path, str(path))
        problems += found
        if data is not None:
            raw[name] = data
    return raw, problems
