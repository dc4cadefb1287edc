"""The command line, run as a separate process the way users and scripts run it."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import KBS, run_cli

COMMANDS = [["ask"], ["repl"], ["serve"], ["kb"], ["kb", "check"]]


def test_ask_prints_cited_answer():
    result = run_cli("ask", "what do coders earn?")
    assert result.returncode == 0, result.stderr
    assert "$43,828" in result.stdout and "[1]" in result.stdout


def test_ask_json_prints_the_answer_shape():
    result = run_cli("ask", "what do coders earn?", "--json")
    data = json.loads(result.stdout)
    assert data["answered"] is True
    assert {"wage-coders-base", "wage-median"} <= {c["fact_id"] for c in data["citations"]}


def test_ask_json_stream_answers_each_line_and_keeps_sessions():
    first = run_cli("ask", "--json", "-", stdin="hi\n")
    session = json.loads(first.stdout)["session_id"]
    lines = [
        "what do coders earn?",
        json.dumps({"message": "is the field growing?"}),
        "",
        "{not json",
        json.dumps({"message": ""}),
        json.dumps({"message": "thanks"}),
    ]
    result = run_cli("ask", "--json", "-", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("intent") for o in out] == ["earnings", "outlook", None, None, "thanks"]
    assert out[2]["error"]["code"] == "bad_json" and "line 4" in out[2]["error"]["message"]
    assert out[3]["error"]["code"] == "bad_message"
    assert len({o["session_id"] for o in out if "session_id" in o}) == 3, "lines without session_id start new sessions"
    assert session not in {o.get("session_id") for o in out}, "each process has its own sessions"


def test_ask_json_stream_continues_a_session_in_one_process():
    proc = subprocess.Popen([sys.executable, "-m", "careerbot", "ask", "--json", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    proc.stdin.write("hi\n")
    proc.stdin.flush()
    first = json.loads(proc.stdout.readline())  # answered and flushed before the next line is sent
    proc.stdin.write(json.dumps({"message": "what do coders earn?", "session_id": first["session_id"]}) + "\n")
    proc.stdin.close()
    second = json.loads(proc.stdout.readline())
    assert proc.wait(timeout=60) == 0
    assert second["session_id"] == first["session_id"]


def test_ask_with_kb_option_uses_that_kb():
    result = run_cli("ask", "what do surveyors earn?", "--kb", str(KBS / "tidepool"))
    assert "$48,500" in result.stdout


def test_repl_answers_and_takes_commands():
    result = run_cli("repl", stdin="what do coders earn?\n:debug\ntop 10%\n:reset\n:quit\n")
    assert result.returncode == 0, result.stderr
    assert "$43,828" in result.stdout
    assert "debug on" in result.stdout and "intent: earnings" in result.stdout and "margin" in result.stdout
    assert "new conversation" in result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(command):
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout or command == ["kb"]


def test_ask_from_stdin_without_json_is_a_usage_error():
    result = run_cli("ask", "-", stdin="hi\n")
    assert result.returncode == 2 and "needs --json" in result.stderr


def test_unknown_command_is_a_clear_error():
    result = run_cli("frobnicate")
    assert result.returncode == 2 and "No such command" in result.stderr


@pytest.mark.parametrize("group", [[], ["kb"]], ids=["careerbot", "careerbot kb"])
def test_help_shows_each_commands_whole_summary(group):
    from careerbot.cli import main

    result = run_cli(*group, "--help", env={"COLUMNS": "80"})
    listing = " ".join(result.stdout.split("Commands:")[1].split())  # wrapped lines joined
    commands = main.commands if not group else main.commands["kb"].commands
    for name, command in commands.items():
        summary = " ".join(command.get_short_help_str(limit=10_000).split())
        assert summary in listing, f"{name}: {summary!r} is cut off"
    assert "..." not in listing.replace("FILE...", "")


def test_repl_help_lists_the_commands_and_unknown_commands_are_not_questions():
    result = run_cli("repl", stdin=":help\n:foo\n:) thanks\n:quit\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for command in (":help", ":debug", ":reset", ":quit"):
        assert command in out.split("you>")[1], f":help does not list {command}"
    after_foo = out.split("you>")[2]
    assert "no command :foo" in after_foo and "Sorry" not in after_foo, "an unknown :command was sent as a question"
    assert "welcome" in out.split("you>")[3].lower(), "':) thanks' is still a message to careerbot"


@pytest.mark.parametrize("question", ["help", "what can you do?", "what can I ask?"])
def test_small_talk_help_says_what_careerbot_can_do(question):
    result = run_cli("ask", question)
    said = " ".join(result.stdout.split()).lower()
    for ability in ("cite", "per hour", "follow", "pay", "education"):
        assert ability in said, f"the help answer does not mention {ability!r}"
