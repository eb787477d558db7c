from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tieline.actors import Registry
from tieline.cli import main


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.output


@pytest.mark.parametrize(("name", "on", "actor", "sector"), [
    ("Nazarbaev", "2018-01-16", "person:nursultan-nazarbayev", "GOV"),
    ("Nazarbayev", "2023-01-01", "person:nursultan-nazarbayev", None),  # a former president is not GOV
    ("the Kazakh president", "2020-06-01", "person:kassym-jomart-tokayev", "GOV"),
    ("the White House head", "2019-06-25", "person:donald-trump", "GOV"),
])
def test_show_json(name: str, on: str, actor: str, sector: str | None) -> None:
    code, out = run("actors", "show", name, "--on", on, "--json")
    assert code == 0, out
    info = json.loads(out)
    assert {"actor_id", "name", "country", "sector", "role"} <= set(info)
    assert (info["actor_id"], info["sector"]) == (actor, sector)


def test_show_unknown() -> None:
    code, out = run("actors", "show", "Zzyzx Qwertyuiop", "--on", "2020-01-01")
    assert code == 1 and "no actor known" in out


def test_add_user_actors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIELINE_ACTORS_DIR", str(tmp_path / "user"))
    csv = tmp_path / "mine.csv"
    csv.write_text("id,name,kind,country,sector,aliases,role,title,start,end\n"
                   "person:ada-example,Ada Example,person,KAZ,GOV,Example|A. Example,minister,"
                   "Minister of Examples,2020-01-01,2022-01-01\n")
    code, out = run("actors", "add", str(csv))
    assert code == 0 and "1 actors" in out
    assert (tmp_path / "user" / "mine.csv").exists()
    Registry.reset_default()
    try:
        code, out = run("actors", "show", "Ada Example", "--on", "2021-06-01", "--json")
        assert code == 0 and json.loads(out)["sector"] == "GOV"
        code, out = run("actors", "show", "Ada Example", "--on", "2023-06-01", "--json")
        assert json.loads(out)["sector"] is None
    finally:
        Registry.reset_default()


def test_add_rejects_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "x.txt"
    bad.write_text("nothing")
    assert run("actors", "add", str(bad))[0] == 2


def test_a_bare_surname_means_the_person_the_document_named_in_full() -> None:
    from tieline.pipeline import analyze

    a = analyze("Provincial Premier Doug Ford spoke on Monday. Ford added that the talks continue.",
                "2025-03-10", components=("nlp", "dates", "actors"))
    ids = {m.text: m.actor_id for m in a.mentions}
    assert ids["Ford"] == ids["Doug Ford"] == "person:doug-ford"
