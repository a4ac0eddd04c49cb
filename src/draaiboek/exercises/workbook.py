"""The workbook page of an exercise: the same loaded exercise the notebook compiler uses,
rendered for the static book. Knowledge checks are answered by tapping, reflections are
written in one text field per step of their model, the case question sits beside a link
to the case. Everything the page's script needs comes with the page as data: the learner
version of the assignment's nbgrader notebook (exactly as a course releases it), and where
in its answer cells the learner's answers go, so that the hand-in file *is* that notebook.

This module renders HTML strings; the Sphinx glue (`draaiboek.sphinx.workbook`) only
places them in the page.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from ..regions import Region, localise
from .answers import UNANSWERED, answer_id
from .loader import LoadedExercise
from .notebook import NBGRADER_CONFIG, compile_notebook, with_privacy_rules
from .rules import MODELS, RULES, page_rules
from .schema import CaseQuestion, Reflection

# nbgrader's own preprocessors of `generate_assignment`, in its order, without the two
# that need a gradebook (SaveCells) or a header file (IncludeHeaderFooter).
_RELEASE_STEPS = ("LockCells", "ClearSolutions", "ClearOutput", "CheckCellMetadata",
                  "ComputeChecksums", "ClearHiddenTests", "ClearMarkScheme",
                  "ComputeChecksums", "CheckCellMetadata")


def learner_notebook(loaded: LoadedExercise, region: Region,
                     privacy_rules: dict | None = None) -> dict:
    """The learner version of an exercise's notebook for one region: what `draaiboek
    cursus uitdelen` writes to `release/` (region words filled in, the project's privacy
    rules, answer keys, hidden tests and solutions removed by nbgrader itself)."""
    import nbformat
    from nbgrader import preprocessors
    from traitlets.config import Config

    notebook = compile_notebook(loaded)
    if privacy_rules is not None:
        notebook = with_privacy_rules(notebook, privacy_rules)
    # As `cursus uitdelen` does by default: the example answers are not in the hand-out
    # (the page shows them itself, after the learner scored their own answer).
    notebook["cells"] = [cell for cell in notebook["cells"]
                         if "voorbeeld" not in cell.get("metadata", {}).get("draaiboek", {})]
    for cell in notebook["cells"]:
        cell["source"] = localise("".join(cell["source"]), region)
    notebook["metadata"]["draaiboek"]["regio"] = region.id
    config = Config()
    for key, value in NBGRADER_CONFIG.items():
        section, name = key.split(".")
        setattr(config[section], name, value)
    node, resources = nbformat.from_dict(notebook), {}
    for step in _RELEASE_STEPS:
        node, resources = getattr(preprocessors, step)(config=config).preprocess(node, resources)
    return json.loads(nbformat.writes(node))


def answer_key_hash(exercise_id: str, question: str, letter: str) -> str:
    """FNV-1a (32 bit) of 'exercise:question:letter': the page can tell a right answer
    after it is given, without the answer key standing in the page as plain text."""
    value = 0x811C9DC5
    for byte in f"{exercise_id}:{question}:{letter}".encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"{value:08x}"


def answer_slots(notebook: dict) -> dict[str, dict]:
    """Where each answer goes in the learner notebook: the answer cell's index, and for a
    knowledge check its line cut at the unanswered mark (the letter goes between the
    quotes, exactly where a learner types it in Jupyter). A written answer's cell is made
    by `compose` from the rules (formatief.js in the page, `compose_written` in Python)."""
    slots = {}
    for index, cell in enumerate(notebook["cells"]):
        qid = answer_id(cell)
        if not qid:
            continue
        slots[qid] = {"cel": index}
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            mark = re.search(r"([\"'])" + re.escape(UNANSWERED) + r"\1", source)
            if mark is None:
                raise ValueError(f"answer cell {qid} has no unanswered mark")
            slots[qid]["delen"] = [source[:mark.start() + 1], source[mark.end() - 1:]]
    return slots


@dataclass(frozen=True)
class WorkbookOptions:
    show_examples: bool = True      # example answers and knowledge feedback after answering
    trainer: bool = False           # the trainer edition also shows the answer key


class Workbook:
    """One exercise as its workbook page renders it (texts already localised)."""

    def __init__(self, loaded: LoadedExercise, region: Region, options: WorkbookOptions,
                 case_links: dict[str, tuple[str, str]] | None = None):
        self.loaded, self.region, self.options = loaded, region, options
        self.exercise = loaded.exercise
        self.case_links = case_links or {}  # case id -> (title, href)

    @property
    def id(self) -> str:
        return self.loaded.id

    def text(self, value: str) -> str:
        return localise(value, self.region)

    def markdown(self, value: str) -> str:
        from markdown_it import MarkdownIt

        return MarkdownIt("commonmark", {"html": False}).render(self.text(value.strip()))

    def field(self, qid: str, suffix: str = "") -> str:
        return f"wb-{self.exercise.hoofdstuk:02d}-{qid}{suffix}"

    # --- data for the script ------------------------------------------------------------
    def data(self, privacy_rules: dict | None = None) -> dict:
        notebook = learner_notebook(self.loaded, self.region, privacy_rules)
        questions: dict[str, dict] = {}
        for check in self.exercise.kennisvragen:
            key = (answer_key_hash(self.id, check.id, check.juist)
                   if self.options.show_examples else None)
            questions[check.id] = {"soort": "kennis", "letters": "".join(check.keuzes),
                                   "sleutel": key}
        for part in self.exercise.written_parts:
            questions[part.id] = {
                "soort": "reflectie" if isinstance(part, Reflection) else "casus",
                "stappen": MODELS[part.model][1] if isinstance(part, Reflection) else [],
                "min_woorden": part.min_woorden,
                "punten": [c.maximum for c in part.rubriek],
            }
        data = {"id": self.id, "titel": self.text(self.exercise.titel),
                "hoofdstuk": self.exercise.hoofdstuk, "regio": self.region.id,
                "voorbeelden": self.options.show_examples, "vragen": questions,
                "cellen": answer_slots(notebook), "notebook": notebook}
        # The same rules the Python checks read: steps, length, templates; privacy patterns.
        data["regels"] = {"formatief": page_rules(), "privacy": privacy_rules}
        return data

    def data_script(self, privacy_rules: dict | None = None) -> str:
        payload = json.dumps(self.data(privacy_rules), ensure_ascii=False,
                             separators=(",", ":"))
        payload = payload.replace("</", "<\\/")
        return f'<script type="application/json" class="db-werkboek-data">{payload}</script>'

    # --- pieces of the page -------------------------------------------------------------
    def intro(self) -> str:
        return (f'<div class="db-werkboek-inleiding">{self.markdown(self.exercise.inleiding)}'
                f'<p>Deze oefening telt {self.exercise.total_points} punten.</p></div>'
                '<p class="db-wb-zonderjs">Dit werkboek heeft JavaScript nodig om je antwoorden '
                'te bewaren en in te leveren. Zet JavaScript aan in je browser, of werk in de '
                'notebook van je trainer.</p>'
                '<p class="db-wb-status" hidden>Je antwoorden worden bewaard op dit toestel, '
                'terwijl je typt. Niemand anders ziet ze tot je inlevert.</p>')

    def knowledge(self) -> str:
        out = ['<p>Tik bij elke vraag op één antwoord. Je kunt het later nog veranderen.</p>']
        for number, check in enumerate(self.exercise.kennisvragen, 1):
            name = self.field(check.id)
            choices = "".join(
                f'<label class="db-wb-keuze"><input type="radio" name="{name}" '
                f'value="{letter}"><span class="db-letter" aria-hidden="true">{letter}</span>'
                f'<span class="db-wb-keuzetekst">{_inline(self.text(text))}</span></label>'
                for letter, text in check.keuzes.items())
            explanation = (f'<div class="db-wb-uitleg" hidden>'
                           f'{self.markdown(check.uitleg)}</div>'
                           if self.options.show_examples else "")
            key = (f'<p class="db-wb-sleutel">Voor de trainer: het juiste antwoord is '
                   f'{check.juist}.</p>' if self.options.trainer else "")
            out.append(
                f'<fieldset class="db-wb-vraag db-wb-kennis" data-vraag="{check.id}">'
                f'<legend><span class="db-wb-nummer">Vraag {number}.</span> '
                f'{_inline(self.text(check.vraag))}</legend>'
                f'<div class="db-wb-keuzes">{choices}</div>{explanation}{key}'
                f'<p class="db-wb-feedback" aria-live="polite"></p></fieldset>')
        return "".join(out)

    def written(self, part: Reflection | CaseQuestion) -> str:
        qid = part.id
        out = [f'<div class="db-wb-vraag db-wb-geschreven" data-vraag="{qid}">'
               f'<div class="db-wb-opdracht">{self.markdown(part.vraag)}</div>']
        if isinstance(part, Reflection):
            model, steps = MODELS[part.model]
            out.append(f'<p class="db-wb-hint">Schrijf bij elke stap van {html.escape(model)}. '
                       f'Samen minstens {part.min_woorden} woorden. Schrijf geen echte namen of '
                       'gegevens waaraan iemand een gezin kan herkennen.</p>')
            hints = [step.get("hint", "") for step in RULES["modellen"][part.model]["stappen"]]
            for index, step in enumerate(steps):
                field = self.field(qid, f"-{index}")
                out.append(f'<label class="db-wb-stap" for="{field}">{html.escape(step)}'
                           f'<span class="db-sr"> ({html.escape(self.text(part.titel))})'
                           f'</span></label><p class="db-wb-staphint" id="{field}-hint">'
                           f'{html.escape(hints[index])}</p><textarea id="{field}" '
                           f'class="db-wb-tekst" data-stap="{index}" rows="4" spellcheck="true" '
                           f'aria-describedby="{field}-hint"></textarea>')
        else:
            if part.casus in self.case_links:
                title, href = self.case_links[part.casus]
                out.append(f'<p class="db-wb-casuslink">Speel eerst de casus: '
                           f'<a href="{html.escape(href)}">{html.escape(title)}</a>. '
                           'Kom daarna terug: je antwoord blijft bewaard.</p>')
            field = self.field(qid, "-0")
            out.append(f'<p class="db-wb-hint">Minstens {part.min_woorden} woorden.</p>'
                       f'<label class="db-wb-stap" for="{field}">Je antwoord</label>'
                       f'<textarea id="{field}" class="db-wb-tekst" data-stap="0" rows="8" '
                       'spellcheck="true"></textarea>')
        out.append(f'<p class="db-wb-teller" data-min="{part.min_woorden}">0 woorden, '
                   f'minstens {part.min_woorden}.</p>'
                   '<button type="button" class="db-knop db-wb-controleer" hidden>'
                   'Controleer</button>'
                   '<div class="db-wb-resultaat" aria-live="polite"></div>')
        out.append(self._self_score(part))
        out.append("</div>")
        return "".join(out)

    def _self_score(self, part: Reflection | CaseQuestion) -> str:
        criteria = []
        for c_index, criterion in enumerate(part.rubriek):
            name = self.field(part.id, f"-score-{c_index}")
            levels = "".join(
                f'<label class="db-wb-keuze db-wb-niveau"><input type="radio" name="{name}" '
                f'value="{level.punten}"><span class="db-wb-punten">{level.punten}</span>'
                f'<span class="db-wb-keuzetekst">{_inline(self.text(level.beschrijving))}'
                '</span></label>' for level in criterion.niveaus)
            criteria.append(
                f'<fieldset class="db-wb-criterium" data-criterium="{c_index}"><legend>'
                f'{_inline(self.text(criterion.criterium))} (hoogstens {criterion.maximum} '
                f'punten)</legend>{levels}</fieldset>')
        example = getattr(part, "voorbeeld", None)
        shown = self.options.show_examples and example
        follow = ("Daarna zie je een voorbeeldantwoord." if shown else
                  "Je trainer bespreekt je antwoord met je.")
        block = (f'<details class="db-wb-rubriek"><summary>Beoordeel jezelf met de rubriek'
                 f'</summary><p>Lees je antwoord nog eens. Kies per onderdeel het niveau dat '
                 f'past. {follow} Je score blijft op dit toestel en telt niet mee.</p>'
                 f'{"".join(criteria)}<p class="db-wb-score" aria-live="polite"></p></details>')
        if shown:
            block += (f'<div class="db-wb-voorbeeld" hidden><h3 class="db-wb-kop">'
                      f'Een voorbeeldantwoord</h3><p>Zo kan een goed antwoord eruitzien. Het '
                      f'is één voorbeeld: jouw situatie is anders.</p>'
                      f'<div class="db-wb-voorbeeldtekst">{self.markdown(example)}</div></div>')
        return block

    def hand_in(self) -> str:
        return (
            '<div class="db-wb-inleveren" hidden>'
            '<p>Klaar? Maak één bestand met al je antwoorden. Stuur het naar je trainer, of zet '
            'het op het leerplatform van je cursus. Je kunt opnieuw inleveren: je trainer '
            'gebruikt je laatste bestand.</p>'
            '<label class="db-wb-stap" for="wb-naam">Je naam of je cursistnummer</label>'
            '<p class="db-wb-hint" id="wb-naam-uitleg">Zoals je trainer je kent. Dit toestel '
            'onthoudt het.</p>'
            '<input type="text" id="wb-naam" class="db-wb-naam" autocomplete="name" '
            'aria-describedby="wb-naam-uitleg">'
            '<div class="db-wb-knoppen"><button type="button" class="db-knop db-wb-lever">'
            'Maak mijn inleverbestand</button>'
            '<button type="button" class="db-knop db-wb-deel" hidden>Deel het bestand</button>'
            '</div><div class="db-wb-inlevering" aria-live="polite"></div>'
            '<details class="db-wb-kopie"><summary>Lukt downloaden niet?</summary>'
            '<p>Kopieer je antwoorden als tekst. Plak de tekst in een mail aan je trainer. '
            'Je trainer bewaart hem als bestand met de naam die hieronder staat.</p>'
            '<button type="button" class="db-knop db-wb-kopieer">Kopieer als tekst</button>'
            '<p class="db-wb-kopiebericht" aria-live="polite"></p></details></div>')


def _inline(text: str) -> str:
    """One line of author text: escaped, with **bold** and *italic* kept."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).renderInline(text.strip())
