"""One table of exit codes for every command (README "Exit codes", `wuzhangai --help`): 0 done, 1 failed or the
--fail-on gate tripped, 2 usage error, 130 interrupted; and one --fail-on for every command that gates."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from wuzhangai.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]
TABLE = {0, 1, 2, 130}
NAMED = {"EXIT_OK": 0, "EXIT_FAILED": 1, "EXIT_USAGE": 2, "EXIT_INTERRUPTED": 130}
ROWS = [
    "record_id,facility_type,street,lon,lat,build_status,has_curb_ramp_bool,lip_height_mm",
    "G1,curb_ramp,民族街街道,114.249166,30.600028,new_or_extended,是,0",
    "M1,curb_ramp,民族街街道,114.241749,30.599200,new_or_extended,是,5",  # CR-02 (major) fails
]


def leaf_commands() -> list[tuple[str, ...]]:
    out = []
    for name in COMMANDS:
        cmd = main.get_command(None, name)
        if isinstance(cmd, click.Group):
            out += [(name, sub) for sub in cmd.commands]
        else:
            out.append((name,))
    return out


@pytest.mark.parametrize("path", leaf_commands(), ids=lambda p: " ".join(p))
def test_every_command_exits_2_on_a_usage_error(path, tmp_path):
    result = CliRunner().invoke(main, [*path, "--no-such-option"], env={"WUZHANGAI_DB": str(tmp_path / "x.db")})
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "x.db").exists()  # nothing done


def _exit_codes_in(source: Path) -> list[tuple[int, object]]:
    """(line, code) of every fail(..., code=X), sys.exit(X) and ctx.exit(X) in a command module."""
    found = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name == "fail":
            code = next((k.value for k in node.keywords if k.arg == "code"), ast.Constant(1))
        elif name == "exit" and node.args:
            code = node.args[0]
        else:
            continue
        if isinstance(code, ast.Constant):
            found.append((node.lineno, code.value))
        elif isinstance(code, ast.Name):
            if code.id != "code":  # fail()'s own sys.exit(code): its callers are checked
                found.append((node.lineno, NAMED.get(code.id, code.id)))
        else:  # an expression: each of its constants must be in the table
            found += [(node.lineno, c.value) for c in ast.walk(code) if isinstance(c, ast.Constant)
                      and isinstance(c.value, int)]
    return found


def test_every_exit_in_the_commands_is_in_the_table():
    sources = sorted((ROOT / "wuzhangai" / "commands").glob("*.py")) + [ROOT / "wuzhangai" / "cli_common.py"]
    stray = [(s.name, line, code) for s in sources for line, code in _exit_codes_in(s) if code not in TABLE]
    assert stray == []


def test_the_table_is_in_the_main_help_and_the_readme():
    text = CliRunner().invoke(main, ["--help"]).output
    assert "exit codes (every command)" in text and "130" in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "### Exit codes" in readme


def test_every_gating_command_parses_fail_on_the_same_way():
    gates = {}
    for path in (("scan",), ("gaps",), ("survey", "score")):
        cmd = main.get_command(None, path[0])
        if len(path) > 1:
            cmd = cmd.commands[path[1]]
        option = next(p for p in cmd.params if p.name == "fail_on")
        gates[path] = option.callback.__qualname__
    assert set(gates.values()) == {"fail_on_option.<locals>.parse"}


@pytest.fixture(scope="module")
def scored_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gate")
    src = folder / "s.csv"
    src.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    db = folder / "s.db"
    assert CliRunner().invoke(main, ["survey", "import", str(src), "--db", str(db)]).exit_code == 0
    return db


@pytest.mark.parametrize("args, code", [
    ((), 0),  # written, though M1 is non-compliant: like scan, only --fail-on gates
    (("--fail-on", "none"), 0),
    (("--fail-on", "critical"), 0),  # M1's failure is major, not critical
    (("--fail-on", "non_compliant"), 1),
    (("--fail-on", "serious"), 2),  # a word of scan's, not of survey score's
])
def test_survey_score_exit_codes(scored_db, tmp_path, args, code):
    out = tmp_path / "score.json"
    result = CliRunner().invoke(main, ["survey", "score", "--db", str(scored_db), "--out", str(out), *args])
    assert result.exit_code == code, result.output
    if code != 2:
        assert json.loads(out.read_text(encoding="utf-8"))["summary"]["non_compliant"] == 1  # written either way
    if code == 1:
        assert "--fail-on gate tripped: 1 个不合规设施" in result.output


def test_gaps_rejects_a_fail_on_word_it_does_not_have(scored_db):
    result = CliRunner().invoke(main, ["gaps", "--db", str(scored_db), "--fail-on", "non_compliant"])
    assert result.exit_code == 2 and "priority|critical|any|none" in result.output
