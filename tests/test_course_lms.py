"""The trainer's week with real LMS files: an Excel learner list (cp1252, tussenvoegsel), a
Moodle download zip, a Canvas download zip and mailed `.eml` files, an older version read in
after a newer one, a rubric entry corrected, a score changed in nbgrader's formgrader (through
nbgrader's Gradebook API, as the formgrader writes it), a moved course folder, and the export
files read back the way Moodle's and Canvas's importers read them.

The course is built and graded once per module (grading is the slow part)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone
from pathlib import Path

import pytest

from draaiboek.course.coursedir import open_course
from draaiboek.course.feedback import write_feedback
from draaiboek.course.grading import grade
from draaiboek.course.intake import lms_ids, read_in
from draaiboek.course.learners import course_learners, import_learners, read_learners
from draaiboek.course.lms import export_canvas, export_moodle, moodle_feedback_zip
from draaiboek.course.release import release_assignment
from draaiboek.course.rubric import assess, disagreements, questions, to_grade
from draaiboek.course.sandbox import bwrap_available
from draaiboek.course.scores import assignment_scores

from .test_course import AID, KEYS, ROOT, cell_of, filled

pytestmark = pytest.mark.skipif(not bwrap_available(), reason="bubblewrap (bwrap) ontbreekt: "
                                "'apt-get install bubblewrap' (.ci/run doet dat)")

# As Excel saves "CSV (puntkomma)" on a Dutch or Belgian Windows: cp1252, CRLF, semicolons.
EXCEL_LIST = ("Studentnummer;Voornaam;Tussenvoegsel;Achternaam;E-mailadres\r\n"
              "1001;Anouk;;Claes;anouk.claes@voorbeeld.be\r\n"
              "1002;Anouk;;Claes-Peeters;a.cp@voorbeeld.be\r\n"
              "1003;José;de;Vries;jose@voorbeeld.nl\r\n"
              "1004;Fatima;;El Amrani;fatima@voorbeeld.be\r\n"
              "1005;Bram;;Jacobs;bram@voorbeeld.be\r\n"
              "1006;Eline;van der;Berg;eline@voorbeeld.nl\r\n")
NOV = {day: datetime(2026, 11, day, 14, 0, tzinfo=timezone.utc) for day in (18, 20, 21)}


def run(cwd: Path, *args: str, stdin: str | None = None, env: dict | None = None
        ) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "draaiboek", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


def mail(sender: str, moment: datetime, attachment: str, data: bytes) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "trainer@voorbeeld.be"
    message["Subject"] = "Mijn opdracht"
    message["Date"] = format_datetime(moment)
    message.set_content("Dag, hierbij mijn opdracht.")
    message.add_attachment(data, maintype="application", subtype="x-ipynb+json",
                           filename=attachment)
    return message.as_bytes()


def zip_entry(archive: zipfile.ZipFile, name: str, moment: datetime, data: bytes) -> None:
    archive.writestr(zipfile.ZipInfo(name, moment.timetuple()[:6]), data)


@pytest.fixture(scope="module")
def week(tmp_path_factory):
    """A course taken through read-in and grading once; the tests look at the results."""
    base = tmp_path_factory.mktemp("week")
    from draaiboek.course.coursedir import create_course

    course = create_course(base / "groep", ROOT, "vlaanderen", "Genk najaar")
    (base / "cursisten.csv").write_bytes(EXCEL_LIST.encode("cp1252"))
    import_learners(course, base / "cursisten.csv")
    release_assignment(course, AID)
    released = json.loads(course.released(AID).read_text(encoding="utf-8"))

    def notebook(letters: dict[str, str], text: str | None = None) -> bytes:
        nb = filled(released, letters) if text is None else filled(released, letters, text)
        return json.dumps(nb).encode()

    leak = ("ik belde de moeder op 0470 12 34 56 en haar zoon Kevin Maes was thuis. " * 3)
    moodle = base / "Genk-h01-Opdracht h01-88.zip"
    with zipfile.ZipFile(moodle, "w") as archive:
        zip_entry(archive, f"Anouk Claes_5001_assignsubmission_file/{AID}.ipynb", NOV[20],
                  notebook(KEYS))
        zip_entry(archive, "Anouk Claes-Peeters_5002_assignsubmission_file/h01 (1).ipynb",
                  NOV[20], notebook({**KEYS, "k1": "A"}, leak))
        zip_entry(archive, "José de Vries_5003_assignsubmission_onlinetext/onlinetext.html",
                  NOV[20], b"<p>Zie bijlage</p>")
    canvas = base / "genk-h01_submissions.zip"
    with zipfile.ZipFile(canvas, "w") as archive:
        zip_entry(archive, "elamranifatima_4471_129001_h01-thuiscompagnie.ipynb", NOV[20],
                  notebook(KEYS))
        zip_entry(archive, "vriesjosede_LATE_4472_129002_h01.ipynb", NOV[21], notebook(KEYS))
        zip_entry(archive, "janssensmarc_4473_129003_h01.ipynb", NOV[20], notebook(KEYS))
    mails = base / "mails"
    mails.mkdir()
    (mails / "Opdracht van Bram.eml").write_bytes(
        mail("Bram Jacobs <bram@voorbeeld.be>", NOV[20], "h01.ipynb", notebook(KEYS)))
    (mails / "zonder bijlage.eml").write_bytes(
        mail("Bram Jacobs <bram@voorbeeld.be>", NOV[21], "notities.txt", b"geen notebook"))
    older = base / "ouder"
    older.mkdir()
    # Anouk Claes mailed a version on 18/11 that is read in after Moodle's of 20/11.
    (older / "anouk.eml").write_bytes(mail("Anouk Claes <anouk.claes@voorbeeld.be>", NOV[18],
                                           "h01.ipynb", notebook({**KEYS, "k2": "D"})))

    loose = base / "los"  # a learner who chose letters and wrote nothing
    loose.mkdir()
    blank = json.loads(json.dumps(released))
    for cell in blank["cells"]:
        qid = cell.get("metadata", {}).get("draaiboek", {}).get("antwoord")
        if qid in KEYS:
            cell["source"] = "".join(cell["source"]).replace('"?"', f'"{KEYS[qid]}"', 1)
    (loose / "1006-h01.ipynb").write_text(json.dumps(blank), encoding="utf-8")

    results = {"moodle": read_in(course, moodle), "canvas": read_in(course, canvas),
               "mails": read_in(course, mails), "older": read_in(course, older),
               "loose": read_in(course, loose)}
    run_ = grade(course, AID, timeout=5)
    assert all(o.ok for o in run_.outcomes), run_.outcomes
    return {"course": course, "base": base, "results": results, "released": released}


# --- learner list ------------------------------------------------------------------------

def test_learner_lists_as_trainers_export_them(tmp_path: Path) -> None:
    excel = tmp_path / "excel.csv"
    excel.write_bytes(EXCEL_LIST.encode("cp1252"))
    jose = next(lr for lr in read_learners(excel) if lr.id == "1003")
    assert (jose.naam, jose.email) == ("José de Vries", "jose@voorbeeld.nl")
    unicode_text = tmp_path / "unicode.txt"  # Excel's "Unicode-tekst": UTF-16, tabs
    unicode_text.write_bytes("Studentnummer\tVoornaam\tAchternaam\n7\tÇiğdem\tÖztürk\n"
                             .encode("utf-16"))
    assert read_learners(unicode_text)[0].naam == "Çiğdem Öztürk"
    bom = tmp_path / "utf8.csv"
    bom.write_text("\ufeffStudentnummer,Voornaam,Achternaam\n8,Eline,Maes\n", encoding="utf-8")
    assert read_learners(bom)[0].id == "8"
    moodle = tmp_path / "moodle.csv"  # Moodle: Deelnemers → downloaden
    moodle.write_text("First name,Last name,ID number,Email address\nIlse,Vos,x1,i@v.nl\n",
                      encoding="utf-8")
    assert read_learners(moodle)[0].naam == "Ilse Vos"
    canvas = tmp_path / "canvas.csv"  # Canvas: gradebook export
    canvas.write_text('Student,ID,SIS User ID,SIS Login ID,Section\n'
                      '    Points Possible,,,,\n"Vries, José de",4472,1003,jdv,Genk\n'
                      '"Student, Test",9,,,Genk\n', encoding="utf-8")
    [learner] = read_learners(canvas)
    assert (learner.id, learner.naam, learner.lms_id) == ("1003", "José de Vries", "4472")


# --- read-in ------------------------------------------------------------------------------

def test_moodle_zip_names_and_participant_ids(week) -> None:
    result = week["results"]["moodle"]
    assert {r.learner for r in result.received} == {"1001", "1002"}, \
        "'Anouk Claes-Peeters' is not 'Anouk Claes'"
    [online] = result.refused
    assert "onlinetext" in online.file and "Bestandsinzendingen" in online.fix
    ids = lms_ids(week["course"])["moodle"][AID]
    assert ids["1001"]["deelnemer"] == 5001 and ids["1002"]["deelnemer"] == 5002
    assert ids["1002"]["map"] == "Anouk Claes-Peeters_5002_assignsubmission_file"


def test_canvas_zip_names_and_unmatched_listed_with_name(week) -> None:
    result = week["results"]["canvas"]
    assert {r.learner for r in result.received} == {"1003", "1004"}
    [unknown] = result.refused
    assert "janssensmarc" in unknown.message and "geen enkele cursist" in unknown.message


def test_mails_with_attachments(week) -> None:
    result = week["results"]["mails"]
    assert [r.learner for r in result.received] == ["1005"]
    [empty] = result.refused
    assert "zonder bijlage.eml" in empty.file and "geen notebook" in empty.message
    origin = json.loads((week["course"].submitted("1005", AID).parent / "herkomst.json")
                        .read_text(encoding="utf-8"))
    assert origin["gedateerd"] == "maildatum"


def test_an_older_version_never_replaces_a_newer_one(week) -> None:
    result = week["results"]["older"]
    assert not result.received and not result.refused
    [kept] = result.older
    assert kept.learner == "1001" and "dat blijft" in kept.reason
    assert "Anouk Claes_5001" in kept.reason, "says which version it kept"
    stored = json.loads(week["course"].submitted("1001", AID).read_text(encoding="utf-8"))
    assert '"A"' in "".join(cell_of(stored, "k2")["source"]), "k2 is the newer version's 'A'"
    points = assignment_scores(week["course"], AID)["1001"].questions
    assert points["k2"].score == 1


# --- grading --------------------------------------------------------------------------------

def test_questions_in_notebook_order_with_titles_and_blank_answers_shown(week) -> None:
    course = week["course"]
    listed = questions(course, AID)
    assert [q.id for q in listed] == ["r1", "r2", "c1"]
    assert listed[2].title.startswith("Vraag bij de casus '") and "doen" in listed[2].title
    todo = to_grade(course, AID)
    assert [t.question.id for t in todo][:1] == ["r1"], "one question across all learners"
    assert len({t.learner for t in todo if t.question.id == "r1"}) == 6
    blank = [t for t in todo if t.learner == "1006"]
    assert len(blank) == 3 and all(t.blank and t.score == 0 for t in blank), \
        "blank answers nbgrader scored 0 on its own are shown to the trainer"
    assert not any(t.blank for t in todo if t.learner != "1006")


def test_grading_keys_back_skip_stop_and_summary(week) -> None:
    course = week["course"]
    typed = "0\n\nt\n\n\nx\no\ns\n"  # 0 = lowest; back; Enter = as before; bad; skip; stop
    result = run(course.root, "cursus", "beoordelen", "h01", "--cursist", "1006",
                 stdin=typed, env={"COLUMNS": "120"})
    out = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 0, out
    assert "Leeg: de cursist schreef hier niets" in out and "1006 Eline van der Berg" in out
    r1 = questions(course, AID)[0]
    lowest = " ".join(str(min(lv.punten for lv in c.niveaus)) for c in r1.criteria)
    assert f"Eerder gekozen: {lowest} = 0 punten" in out, "back to the answer just graded"
    assert f"Typ {len(questions(course, AID)[1].criteria)} niveaus, één per criterium" in out
    assert "1 antwoord beoordeeld" in out and "1 overgeslagen" in out
    assert "Volgende stap (verder waar je stopte):" in out
    saved = assignment_scores(course, AID)["1006"].questions["r1"]
    assert saved.score == 0 and not saved.to_grade


def test_a_rubric_entry_can_be_redone_and_disagreements_are_told(week) -> None:
    course = week["course"]
    r1 = questions(course, AID)[0]
    top = {c.criterium: c.maximum for c in r1.criteria}
    low = {c.criterium: min(lv.punten for lv in c.niveaus) for c in r1.criteria}
    assess(course, AID, "1003", "r1", top, "Heel goed.")
    assert not [t for t in to_grade(course, AID, "1003") if t.pending and t.question.id == "r1"]
    redo = to_grade(course, AID, "1003", "r1")
    assert len(redo) == 1 and redo[0].earlier.score == r1.points, "graded work can be redone"
    # The trainer corrects the entry through the command line, as they would type it.
    line = " ".join(str(v) for v in low.values())
    result = run(course.root, "cursus", "beoordelen", "h01", "--cursist", "1003", "--vraag",
                 "r1", stdin=f"{line}\n-\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Eerder gekozen" in result.stdout and "1 antwoord beoordeeld" in result.stdout
    assert assignment_scores(course, AID)["1003"].questions["r1"].score == sum(low.values())

    # A formgrader edit: nbgrader's Gradebook API, as the formgrader's GradeHandler writes it.
    assess(course, AID, "1005", "r1", top, "Mooi.")
    with course.gradebook() as gb:
        grade_ = gb.find_grade("r1-antwoord", AID, AID, "1005")
        grade_.manual_score = r1.points - 1
        comment = gb.find_comment("r1-antwoord", AID, AID, "1005")
        comment.manual_comment = "Aangepast in de formgrader: één punt minder."
        gb.db.commit()
    assert [(d.learner, d.question) for d in disagreements(course, AID)] == [("1005", "r1")]
    [page] = write_feedback(course, AID, ["1005"])
    text = page.read_text(encoding="utf-8")
    assert f"Punten: {r1.points - 1} van {r1.points}" in text
    assert "Aangepast in de formgrader" in text and "Mooi." not in text
    result = run(course.root, "cursus", "overzicht")
    assert "verschilt de score" in result.stderr and "--vraag r1" in result.stderr


def test_feedback_masks_what_the_privacy_screen_flags(week) -> None:
    [page] = write_feedback(week["course"], AID, ["1002"])
    text = page.read_text(encoding="utf-8")
    assert "0470 12 34 56" not in text and "[weggelaten]" in text
    assert "Let op je privacy" in text


# --- exports as the LMSs read them ------------------------------------------------------------

def moodle_grade_import(path: Path, id_column: str, users: dict[str, str]) -> dict:
    """Moodle's CSV grade import (grade/import/csv/classes/load_data.php): csvlib strips the
    BOM and reads UTF-8; the mapped user column is looked up exactly (a miss aborts the
    import); '' and '-' mean no grade; numbers go through unformat_float with the decimal
    sign '.'."""
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    header, grades = rows[0], {}
    for row in rows[1:]:
        values = dict(zip(header, row))
        user = values[id_column]
        if user not in users:
            raise AssertionError(f"usermappingerror: {user}")
        for column, value in values.items():
            if column.startswith("h0") and value not in ("", "-"):
                grades[(users[user], column)] = float(value)
    return grades


def canvas_gradebook_import(path: Path) -> dict:
    """Canvas's gradebook import: the first columns must be Student, ID, SIS User ID, SIS Login
    ID, Section; every later column is an assignment; a 'Points Possible' row is skipped;
    students are found by ID, else SIS User ID."""
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    grades = {}
    for row in rows[1:]:
        if row[0].strip() == "Points Possible":
            continue
        who = row[1] or row[2]
        assert who, f"Canvas cannot find {row[0]}"
        for column, value in zip(rows[0][5:], row[5:]):
            if value != "":
                grades[(who, column)] = float(value)
    return grades


def moodle_feedback_import(archive: Path, participants: dict[int, str]) -> dict[str, list]:
    """assignfeedback_file_zip_importer::is_valid_filename_for_import: skip '.'/'~' files;
    split each path part on '_' into at most 5 pieces; needs 4+, a numeric participant id
    that is a participant, and a known plugin type and name."""
    found: dict[str, list] = {}
    with zipfile.ZipFile(archive) as zipped:
        for info in zipped.infolist():
            name = info.filename.rsplit("/", 1)[-1]
            if info.is_dir() or name.startswith((".", "~")):
                continue
            parts = info.filename.split("/")
            while parts:
                info_ = parts.pop(0).split("_", 4)
                if len(info_) < 4 or not info_[1].isdigit():
                    continue
                user = participants.get(int(info_[1]))
                if user is None or (info_[2], info_[3]) not in (
                        ("assignsubmission", "file"), ("assignfeedback", "file")):
                    continue
                rest = info_[4] if len(info_) == 5 else ""  # PHP: $info[4] = '' when missing
                found.setdefault(user, []).append("/".join([rest, *parts]))
                break
    return found


def test_exports_read_back_as_moodle_and_canvas_read_them(week) -> None:
    course = week["course"]
    scores = assignment_scores(course, AID)
    learners = course_learners(course)
    moodle = moodle_grade_import(export_moodle(course), "ID-nummer",
                                 {lr.id: lr.id for lr in learners})
    column = next(c for _, c in moodle)
    assert column.startswith("h01 ")
    assert {u: v for (u, _), v in moodle.items()} == {k: v.score for k, v in scores.items()}
    by_email = moodle_grade_import(course.root / "export" / "moodle-cijfers.csv",
                                   "E-mailadres", {lr.email: lr.id for lr in learners})
    assert by_email == moodle
    exported = (course.root / "export" / "moodle-cijfers.csv").read_text(encoding="utf-8-sig")
    assert "José" in exported and "de Vries" in exported and "," in exported
    assert not any("," in value for row in csv.reader(io.StringIO(exported))
                   for value in row[4:]), "no decimal commas"
    canvas = canvas_gradebook_import(export_canvas(course))
    sis = {lr.id: lr.id for lr in learners}
    sis.update({str(v["gebruiker"]): lid
                for lid, v in lms_ids(course)["canvas"][AID].items()})  # Canvas user ids
    assert set(sis) >= {"4471", "4472"}
    assert {sis.get(who, who): v for (who, _), v in canvas.items()} == \
        {k: v.score for k, v in scores.items()}

    write_feedback(course, AID)
    result = moodle_feedback_zip(course, AID)
    participants = {5001: "1001", 5002: "1002"}
    imported = moodle_feedback_import(result.path, participants)
    assert set(imported) == {"1001", "1002"} and imported["1001"] == ["/feedback-h01.html"]
    with zipfile.ZipFile(result.path) as zipped:
        assert all(n.split("/")[0].endswith("_assignsubmission_file") for n in zipped.namelist())
    assert sorted(result.without_id)[0] == "1003 (José de Vries)"


# --- the course folder ------------------------------------------------------------------------

def test_a_moved_course_uses_its_own_gradebook_also_in_nbgrader(week, tmp_path: Path) -> None:
    copy = tmp_path / "verhuisd"
    shutil.copytree(week["course"].root, copy)
    moved = open_course(copy)
    with moved.gradebook() as gb:
        gb.find_grade("r2-antwoord", AID, AID, "1004").manual_score = 2
        gb.db.commit()
    env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "export"], cwd=copy,
                          capture_output=True, text=True, timeout=120, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr
    rows = {r["student_id"]: r for r in csv.DictReader(io.StringIO(
        (copy / "grades.csv").read_text(encoding="utf-8")))}
    assert float(rows["1004"]["score"]) == assignment_scores(moved, AID)["1004"].score
    assert float(rows["1004"]["score"]) != \
        assignment_scores(week["course"], AID)["1004"].score, "not the old folder's gradebook"
    with moved.gradebook() as gb:
        gb.add_student("1099", first_name="Nog", last_name="Niets")
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "export"], cwd=copy,
                   capture_output=True, text=True, timeout=120, env={**os.environ, **env})
    rows = {r["student_id"]: r for r in csv.DictReader(io.StringIO(
        (copy / "grades.csv").read_text(encoding="utf-8")))}
    assert rows["1099"]["score"] == "", "missing work is blank, as in our own export"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_readme_formgrader_line_works(week, tmp_path: Path) -> None:
    """`draaiboek cursus formgrader` (the README's line) serves nbgrader's formgrader for this
    course on 127.0.0.1."""
    port = _free_port()
    env = {**os.environ, "JUPYTER_TOKEN": "proef", "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    server = subprocess.Popen([sys.executable, "-m", "draaiboek", "cursus", "formgrader",
                               "--poort", str(port)], cwd=week["course"].root, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        deadline, body = time.monotonic() + 90, ""
        while time.monotonic() < deadline:
            try:
                url = f"http://127.0.0.1:{port}/formgrader/api/assignments?token=proef"
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = response.read().decode()
                    break
            except OSError:
                time.sleep(1)
        assert AID in body, body  # this course's gradebook
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with browser.open(f"http://127.0.0.1:{port}/formgrader?token=proef",
                          timeout=10) as response:
            page = response.read().decode()
            assert response.status == 200 and response.url.endswith(
                "/formgrader/manage_assignments"), response.url
            assert "Manage Assignments" in page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


# --- the command line in Dutch ------------------------------------------------------------------

def test_help_usage_errors_and_prompts_are_dutch(week, tmp_path: Path) -> None:
    top = run(tmp_path, "--help")
    assert top.returncode == 0 and "Gebruik:" in top.stdout and "Opties:" in top.stdout
    assert "Toon deze hulp en stop." in top.stdout and "Usage" not in top.stdout
    group = run(tmp_path, "cursus", "--help")
    assert "Commando's:" in group.stdout and "[OPTIES] COMMANDO" in group.stdout
    assert "Exitcodes" in group.stdout
    bad = run(tmp_path, "build", "--editie", "twee")
    assert bad.returncode == 2 and "Fout: Ongeldige waarde voor '--editie'" in bad.stderr
    assert "is not" not in bad.stderr and "Hulp:" in bad.stderr
    course = week["course"]
    # --cursus after the sub-command, where trainers type it.
    listed = run(tmp_path, "cursus", "overzicht", "--cursus", str(course.root))
    assert listed.returncode == 0 and "José de Vries" in listed.stdout
    # A [j/N] question that understands 'nee' and 'j'.
    no = run(tmp_path, "cursus", "wis", "1099", "--cursus", str(course.root), stdin="nee\n")
    assert "[j/N]" in no.stdout and "Niets gewist" in no.stdout and no.returncode == 0
    aborted = run(tmp_path, "cursus", "beoordelen", "h01", "--cursus", str(course.root),
                  stdin="")
    assert "Aborted" not in aborted.stdout + aborted.stderr
    # Next steps in cycle order, runnable as printed.
    made = run(tmp_path, "cursus", "maak", str(tmp_path / "nieuw"), "--groep", "X")
    hint = next(line for line in made.stdout.splitlines() if "Volgende stap" in line)
    assert " cursus cursisten " in hint and "--cursus" in hint
    program = hint.split(": ", 1)[1].split(" cursus ")[0]
    assert program == "draaiboek" or Path(program.split()[0]).exists()


def test_erasing_a_learner_also_forgets_their_lms_name_and_number(week) -> None:
    from draaiboek.course.learners import erase_learner

    course = week["course"]
    removed = erase_learner(course, "1002")
    assert any(item.startswith("lms.yml") for item in removed)
    assert "1002" not in lms_ids(course)["moodle"][AID]
    for path in course.root.rglob("*"):
        if path.is_file() and path.suffix in (".yml", ".json", ".csv", ".html", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "Claes-Peeters" not in text and "5002" not in text, path


def test_canvas_columns_can_take_the_names_canvas_gave(week, tmp_path: Path) -> None:
    from_canvas = tmp_path / "canvas-export.csv"
    from_canvas.write_text("Student,ID,SIS User ID,SIS Login ID,Section,"
                           "Opdracht H01 notendop (7711),Opdracht h02 visie (7712),"
                           "Current Score\n", encoding="utf-8")
    path = export_canvas(week["course"], from_canvas)
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert header[5] == "Opdracht H01 notendop (7711)"


def test_reading_in_again_from_the_command_line_explains_itself(week) -> None:
    course = week["course"]
    result = run(course.root, "cursus", "inlezen", str(week["base"] / "genk-h01_submissions.zip"),
                 env={"COLUMNS": "250"})
    output = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 3, output
    assert "Deels gelukt: 2 ingelezen, 1 niet" in output and "Traceback" not in output
    assert "1004 Fatima El Amrani" in output and "1003 José de Vries" in output
    assert "dezelfde versie als eerder ingelezen" in output
    assert "naam in het bestand: janssensmarc" in output
    assert "Vragen klaar 8/9 = 8 van de 9 vragen zijn ingevuld" in output
    assert "Volgende stap: " in output and "cursus nakijken h01" in output
