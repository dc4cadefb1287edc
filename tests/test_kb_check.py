"""`careerbot kb check`: the bundled KB passes; each broken KB under tests/kbs fails, located."""
from __future__ import annotations

import shutil

import pytest

from careerbot import Bot, KBError
from careerbot.kb import check
from careerbot.kb.numbers import formats, stated_in
from conftest import KBS, ROOT, run_cli

BROKEN = sorted(p for p in KBS.iterdir() if p.name.startswith("broken-"))


def test_bundled_kb_passes_check():
    kb, problems = check(ROOT / "kb")
    assert problems == []
    assert kb is not None and len(kb.facts) >= 40


def test_broken_kbs_cover_at_least_eight_faults():
    assert len(BROKEN) >= 8


@pytest.mark.parametrize("folder", BROKEN, ids=[p.name for p in BROKEN])
def test_kb_check_reports_located_problem(folder):
    result = run_cli("kb", "check", ".", cwd=folder)
    assert result.returncode == 1
    expected = (folder / "expected.txt").read_text().strip().splitlines()
    assert expected, "each broken KB states the messages it must produce"
    for line in expected:
        assert line in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("folder", BROKEN[:3], ids=[p.name for p in BROKEN[:3]])
def test_bot_refuses_to_start_on_broken_kb(folder):
    with pytest.raises(KBError) as info:
        Bot.load(folder)
    assert info.value.problems


@pytest.mark.parametrize("command", [["ask", "hi"], ["repl"]])
def test_cli_commands_refuse_broken_kb_with_the_same_messages(command):
    folder = KBS / "broken-growth-disagrees"
    result = run_cli(*command, "--kb", str(folder), stdin="")
    assert result.returncode == 1
    assert "growth-rate" in result.stderr and "facts.yaml:25:" in result.stderr
    assert "Traceback" not in result.stderr


def test_kb_check_reports_missing_folder(tmp_path):
    result = run_cli("kb", "check", str(tmp_path / "nope"))
    assert result.returncode == 1
    assert "KB folder not found" in result.stderr


def test_kb_check_passes_on_bundled_kb_from_environment():
    result = run_cli("kb", "check", env={"CAREERBOT_KB": str(ROOT / "kb")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK:")


WARNINGS = [
    "topics.yaml:3: duties: warning: cue 'the' is a stopword and never matches",
    "topics.yaml:15: earnings: warning: cue 'median' is also an alias of entity 'stat:median': naming the entity anywhere counts for this topic",
    "topics.yaml:3: duties, outlook: warning: cue 'job' belongs to 2 topics, so it cannot tell them apart",
    "lexicon.yaml:32: growth: warning: synonym 'increase' is shadowed by synonym 'employment', which claims 'increases', so 'increase' never covers that form",
]


@pytest.mark.parametrize("warning", WARNINGS)
def test_kb_check_warns_about_cues_that_never_work(warning):
    result = run_cli("kb", "check", ".", cwd=KBS / "warn-cues")
    assert result.returncode == 0, "a warning is said, not refused"
    assert f"./{warning}" in result.stderr.splitlines() or warning in result.stderr


@pytest.mark.parametrize("text,numbers", [
    ("a three-year program", [3.0]),
    ("Recertify every Two years.", [2.0]),
    ("twenty percent of them", [20.0]),
    ("one of the best, a second career", []),  # no counted noun: no figure stated
    ("12 months or twelve months", [12.0, 12.0]),
])
def test_stated_in_reads_numbers_spelled_out_before_what_they_count(text, numbers):
    assert stated_in(text) == numbers


def test_formats_let_a_fact_spell_a_small_count():
    assert "three" in formats(3, "people") and "Three" in formats(3, "people")
    assert "twenty percent" in formats(20, "percent") and "Twenty percent" in formats(20, "percent")


def test_kb_check_reports_every_problem_of_every_file_in_one_run():
    result = run_cli("kb", "check", ".", cwd=KBS / "broken-every-problem-at-once")
    lines = result.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == ["facts.yaml", "facts.yaml", "topics.yaml"], "file by file, in order"
    assert lines[-1] == "3 problem(s) found."


def test_kb_check_warns_about_a_state_name_its_state_group_lacks(tmp_path):
    """pay.yaml names "cali" as California; the lexicon's group of states must too, or a question about
    the state in 2008 is answered with the nation's figure instead of declined."""
    kb = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", kb)
    lexicon = kb / "lexicon.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8").replace(" cali, calif,", " calif,"), encoding="utf-8")
    result = run_cli("kb", "check", str(kb))
    assert result.returncode == 0, "a warning is said, not refused"
    assert "locations: warning: state name 'cali' (pay.yaml or the table) is not a term of this out_of_scope group" in result.stderr
