"""``wuzhangai users``: add (password from stdin), token (last line), list, disable; clear errors."""
from __future__ import annotations

import json

from click.testing import CliRunner

from store.db import engine_for
from wuzhangai.cli import main
from wuzhangai.usecases.accounts import authenticate, user_for_token


def run(*args, input=None):
    return CliRunner().invoke(main, ["users", *args], input=input)


def test_add_token_list_disable(tmp_path):
    db = str(tmp_path / "u.db")
    added = run("add", "li", "--role", "surveyor", "--password-stdin", "--db", db, input="a long password\n")
    assert added.exit_code == 0, added.output
    engine = engine_for(db)
    assert authenticate(engine, "li", "a long password").role == "surveyor"
    issued = run("token", "li", "--db", db)
    token = issued.stdout.strip().splitlines()[-1]
    assert token.startswith("wza_") and user_for_token(engine, token).name == "li"
    listed = json.loads(run("list", "--format", "json", "--db", db).stdout)
    assert listed == [{"name": "li", "role": "surveyor", "disabled": False, "created_at": listed[0]["created_at"],
                       "last_login_at": listed[0]["last_login_at"]}]
    assert run("password", "li", "--password-stdin", "--db", db, input="another long one\n").exit_code == 0
    assert authenticate(engine, "li", "a long password") is None
    assert authenticate(engine, "li", "another long one").name == "li"
    assert run("disable", "li", "--db", db).exit_code == 0
    assert user_for_token(engine, token) is None and authenticate(engine, "li", "another long one") is None


def test_errors_say_what_to_do(tmp_path):
    db = str(tmp_path / "u.db")
    short = run("add", "li", "--role", "viewer", "--password-stdin", "--db", db, input="short\n")
    assert short.exit_code == 2 and "at least 10" in short.stderr
    run("add", "li", "--role", "viewer", "--password-stdin", "--db", db, input="a long password\n")
    twice = run("add", "li", "--role", "viewer", "--password-stdin", "--db", db, input="a long password\n")
    assert twice.exit_code == 2 and "exists" in twice.stderr
    missing = run("token", "nobody", "--db", db)
    assert missing.exit_code == 2 and "wuzhangai users list" in missing.stderr
    bad_role = run("add", "x", "--role", "root", "--db", db)
    assert bad_role.exit_code == 2
