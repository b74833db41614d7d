"""import_participants: validates every row, names bad lines, writes all or nothing, idempotent."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from participants.demo import DATA_FILE
from participants.models import Kommune

from .factories import KommuneFactory

HEADER = "name,type,bundesland,since\n"


@pytest.fixture
def write_csv(tmp_path):
    def write(body, name="kommunen.csv"):
        path = tmp_path / name
        path.write_text(HEADER + body, encoding="utf-8")
        return str(path)

    return write


def run(path, *args):
    call_command("import_participants", path, *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_bundled_file_imports_104_kommunen_in_13_laendern(db):
    run(str(DATA_FILE))
    assert Kommune.objects.count() == 104
    assert Kommune.objects.values("bundesland").distinct().count() == 13
    assert Kommune.objects.filter(kind="landkreis").count() == 89
    assert Kommune.objects.filter(kind="kreisfreie_stadt").count() == 15
    assert Kommune.objects.get(name="Landkreis Vorpommern-Rügen").since == 2014
    assert Kommune.objects.filter(since__isnull=True).exists()


def test_bundled_file_is_inside_the_project():
    project = Path(__file__).resolve().parent.parent
    assert DATA_FILE.is_relative_to(project) and DATA_FILE.exists()


def test_import_is_idempotent(db, write_csv):
    path = write_csv("Landkreis Biberach,Landkreis,Baden-Württemberg,2005\nStadt Erlangen,kreisfreie Stadt,Bayern,\n")
    run(path)
    run(path)
    assert Kommune.objects.count() == 2
    assert Kommune.objects.get(name="Stadt Erlangen").since is None


def test_import_updates_existing_kommune_by_name_and_keeps_other_fields(db, write_csv):
    KommuneFactory(name="Landkreis Biberach", since=2012, website="https://www.biberach.de/", bundesland="BW")
    run(write_csv("Landkreis Biberach,Landkreis,Baden-Württemberg,2005\n"))
    kommune = Kommune.objects.get(name="Landkreis Biberach")
    assert kommune.since == 2005
    assert kommune.website == "https://www.biberach.de/"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Landkreis X,Landkreis,Bayren,2005", "Zeile 3: Unbekanntes Bundesland „Bayren“"),
        (",Landkreis,Bayern,2005", "Zeile 3: Der Name fehlt."),
        ("Landkreis X,Landkreis,Bayern,20o5", "Zeile 3: Ungültiges Jahr „20o5“"),
        ("Landkreis X,Landkreis,Bayern,1990", "Zeile 3: Ungültiges Jahr „1990“"),
        ("Landkreis X,Bezirk,Bayern,2005", "Zeile 3: Unbekannte Art „Bezirk“"),
        ("Landkreis Biberach,Landkreis,Bayern,2005", "Zeile 3: „Landkreis Biberach“ steht bereits in Zeile 2."),
        ("Landkreis X,Landkreis,Bayern,2005,extra", "Zeile 3: zu viele Werte"),
    ],
)
def test_bad_row_is_named_with_its_line_and_nothing_is_written(db, write_csv, row, message):
    path = write_csv(
        f"Landkreis Biberach,Landkreis,Baden-Württemberg,2005\n{row}\nStadt Erlangen,kreisfreie Stadt,Bayern,\n"
    )
    with pytest.raises(CommandError) as error:
        run(path)
    assert message in str(error.value)
    assert "nichts gespeichert" in str(error.value)
    assert Kommune.objects.count() == 0


def test_all_bad_rows_are_reported_at_once(db, write_csv):
    path = write_csv("A,Landkreis,Atlantis,2005\n,Landkreis,Bayern,2005\nB,Landkreis,Bayern,abc\n")
    with pytest.raises(CommandError) as error:
        run(path)
    assert all(f"Zeile {n}" in str(error.value) for n in (2, 3, 4))


def test_broken_file_changes_nothing_that_was_there(db, write_csv):
    KommuneFactory(name="Landkreis Biberach", since=2012, bundesland="BW")
    path = write_csv("Landkreis Biberach,Landkreis,Baden-Württemberg,2005\nX,Landkreis,Nirgendwo,2005\n")
    with pytest.raises(CommandError):
        run(path)
    assert Kommune.objects.get(name="Landkreis Biberach").since == 2012
    assert Kommune.objects.count() == 1


def test_missing_columns_and_missing_file_are_clear_errors(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,bundesland\nA,Bayern\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Es fehlen die Spalten type, since"):
        run(str(bad))
    with pytest.raises(CommandError, match="gibt es nicht"):
        run(str(tmp_path / "fehlt.csv"))


def test_only_new_leaves_existing_kommunen_alone(db, write_csv):
    KommuneFactory(name="Landkreis Biberach", since=2012, bundesland="BW")
    run(
        write_csv("Landkreis Biberach,Landkreis,Baden-Württemberg,2005\nStadt Erlangen,kreisfreie Stadt,Bayern,\n"),
        "--only-new",
    )
    assert Kommune.objects.get(name="Landkreis Biberach").since == 2012
    assert Kommune.objects.filter(name="Stadt Erlangen").exists()


def test_imported_kommunen_are_searchable(client, site_tree, write_csv):
    run(write_csv("Landkreis Vorpommern-Rügen,Landkreis,Mecklenburg-Vorpommern,2014\n"))
    html = client.get("/suche/", {"q": "Vorpommern-Ruegen"}).content.decode()
    assert "Landkreis <mark>Vorpommern</mark>-<mark>Rügen</mark>" in html
