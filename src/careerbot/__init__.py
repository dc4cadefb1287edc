"""careerbot: a career-guidance chatbot that answers from a curated knowledge base and cites it."""
from .engine.answer import Answer, Calculation, Citation
from .bot import Bot
from .kb.files import KBError

__version__ = "0.1.0"
__all__ = ["Answer", "Bot", "Calculation", "Citation", "KBError", "__version__"]
