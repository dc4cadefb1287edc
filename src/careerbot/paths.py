"""Where the folders that ship inside the package are: the bundled KB and the web assets."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped(name: str) -> Path:
    """Return a folder the wheel carries inside the package, or the repository's in a source checkout."""
    # In the wheel they sit under careerbot/bundled/, apart from the careerbot.kb code package.
    packaged = Path(str(resources.files("careerbot") / "bundled" / name))
    if packaged.is_dir():
        return packaged
    # An editable install runs from src/, where the wheel's copies do not exist.
    return Path(__file__).resolve().parents[2] / name
