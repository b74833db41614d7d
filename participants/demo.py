"""Demo content: the 104 Optionskommunen from the bundled CSV (KomtrZV, state of 29.5.2017)."""

from pathlib import Path

from participants.importer import import_file

DATA_FILE = Path(__file__).resolve().parent / "data" / "optionskommunen.csv"


def load(loader, stdout=None):
    # only_new: a second run changes nothing, and editors' changes to existing Kommunen stay.
    report = import_file(DATA_FILE, only_new=True)
    if report.created and stdout is not None:
        stdout.write(f"Optionskommunen importiert: {len(report.created)}")
    return report
