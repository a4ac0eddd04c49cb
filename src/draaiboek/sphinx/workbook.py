"""The workbook in the book: one page per exercise (`exercises/<chapter>.yml`, rendered by
`draaiboek.workbook` from the exercises loader), the `{werkboeken}` overview, the
`{voortgang}` page ("Mijn voortgang") and a link from every chapter to its workbook.
Thin glue: the loader loads, the renderer renders, this module places and links."""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from ..exercises.loader import EXERCISES_FOLDER, LoadedExercise, load_exercises
from ..exercises.schema import Reflection
from ..exercises.workbook import Workbook, WorkbookOptions
from ..problems import ContentError
from .cases import cases_of
from .editions import is_trainer
from .freshness import CARDS, CASES, depends_on
from .html import make
from .pages import doc_link, existing_chapter, insert_before_sources
from .regions import region_of

WORKBOOKS_KEY = "draaiboek_workbooks"
SELFCHECKS_KEY = "draaiboek_selfchecks"  # env: {docname: [[id, index of right answer]]}
PROGRESS_DOC = "book/voortgang"
OVERVIEW_DOC = "book/werkboek"
SECTION_ID = "werkboek-bij-dit-hoofdstuk"


def workbooks_of(app: Sphinx) -> dict[str, LoadedExercise]:
    return getattr(app, WORKBOOKS_KEY)


def is_workbook(app: Sphinx, docname: str) -> bool:
    return docname in workbooks_of(app)


def _load(app: Sphinx) -> None:
    try:
        loaded = load_exercises(Path(app.srcdir))
    except ContentError as exc:
        raise ExtensionError(f"De oefeningen zijn niet in orde:\n{exc}") from None
    setattr(app, WORKBOOKS_KEY, {f"{EXERCISES_FOLDER}/{item.id}": item for item in loaded})


def workbook_source(app: Sphinx, docname: str) -> str:
    """The page of a workbook as MyST: headings for the page's table of contents, the rest
    from the renderer through the `{werkboek}` directive."""
    ex = workbooks_of(app)[docname].exercise
    region = region_of(app)
    from ..regions import localise

    parts = [f"# {localise(ex.titel, region)}\n", "```{werkboek} begin\n```\n",
             "## Kennisvragen\n", "```{werkboek} kennis\n```\n"]
    case_titles = {case.id: localise(case.case.titel, region) for case in cases_of(app).values()}
    for part in ex.written_parts:
        title = (f"Reflectie: {localise(part.titel, region)}" if isinstance(part, Reflection)
                 else "Vraag bij de casus" if len(ex.casusvragen) == 1
                 else f"Vraag bij de casus '{case_titles.get(part.casus, part.casus)}'")
        parts += [f"## {title}\n", f"```{{werkboek}} {part.id}\n```\n"]
    parts += ["## Inleveren\n", "```{werkboek} inleveren\n```\n"]
    return "\n".join(parts)


def options_of(config) -> WorkbookOptions:
    trainer = is_trainer(config)
    return WorkbookOptions(show_examples=trainer or bool(config.draaiboek_voorbeelden),
                           trainer=trainer)


class WorkbookPiece(SphinxDirective):
    """`{werkboek} begin|kennis|<question id>|inleveren` on a workbook page."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        app = self.env.app
        loaded = workbooks_of(app)[self.env.docname]
        # The case links, and card names the privacy screen must not take for people.
        depends_on(app, CASES)
        depends_on(app, CARDS)
        wanted = {question.casus for question in loaded.exercise.casusvragen}
        links = {case.id: (case.case.titel,
                           app.builder.get_relative_uri(self.env.docname, case_doc))
                 for case_doc, case in cases_of(app).items() if case.id in wanted}
        book = Workbook(loaded, region_of(app), options_of(self.config), links)
        piece = self.arguments[0]
        if piece == "begin":
            markup = book.data_script(privacy_rules_for_page(app)) + book.intro()
        elif piece == "kennis":
            markup = book.knowledge()
        elif piece == "inleveren":
            markup = book.hand_in()
        else:
            parts = {p.id: p for p in loaded.exercise.written_parts}
            markup = book.written(parts[piece])
        box = make("div", classes=["db-werkboek-deel"])
        box += nodes.raw("", markup, format="html")
        return [box]


def privacy_rules_for_page(app: Sphinx) -> dict:
    """The privacy screen's rules as data (the same the Python screen reads, with this
    project's method-card names), for privacy.js in the page."""
    from ..privacy import project_rules

    return project_rules(Path(app.srcdir))


class WorkbookList(SphinxDirective):
    """`{werkboeken}`: every workbook of the book, by chapter."""

    def run(self) -> list[nodes.Node]:
        listing = nodes.bullet_list(classes=["db-werkboeken"])
        for docname, loaded in sorted(workbooks_of(self.env.app).items(),
                                      key=lambda i: i[1].exercise.hoofdstuk):
            item = nodes.list_item()
            para = nodes.paragraph("", "", doc_link(self.env, docname))
            para += make("span", classes=["db-wb-lijststatus"], **{"data-werkboek": loaded.id})
            item += para
            listing += item
        return [listing]


class Progress(SphinxDirective):
    """`{voortgang}`: the progress page. Its data (chapters, pages, self-checks, cases,
    workbooks) is filled in once every page is read (see `_fill_progress`)."""

    def run(self) -> list[nodes.Node]:
        box = make("div", classes=["db-voortgang"])
        box += nodes.raw("", _PROGRESS_MARKUP, format="html")
        return [box]


_PROGRESS_MARKUP = (
    '<p class="db-wb-zonderjs">Deze pagina heeft JavaScript nodig.</p>'
    '<div class="db-vg-overzicht" aria-live="polite"></div>'
    '<h2 id="je-voortgang-meenemen">Je voortgang meenemen of wissen</h2>'
    '<p>Je voortgang staat alleen op dit toestel, in deze browser. Niemand anders ziet hem. '
    'Neem hem mee naar een nieuwe telefoon met een bestand.</p>'
    '<div class="db-wb-knoppen"><button type="button" class="db-knop db-vg-bewaar">'
    'Bewaar als bestand</button></div>'
    '<label class="db-wb-stap" for="db-vg-bestand">Zet een bewaard bestand terug</label>'
    '<input type="file" id="db-vg-bestand" class="db-vg-bestand" accept=".json,application/json">'
    '<div class="db-wb-knoppen"><button type="button" class="db-knop db-vg-wis">'
    'Wis alles op dit toestel</button></div>'
    '<p class="db-vg-bericht" role="status" aria-live="polite"></p>')


def _collect_selfchecks(app: Sphinx, doctree: nodes.document) -> None:
    found = []
    for node in doctree.findall(lambda n: "db-zelftoets" in n.get("classes", [])
                                if isinstance(n, nodes.Element) else False):
        choices = [n for n in node.findall(nodes.Element) if "db-keuze" in n["classes"]]
        right = next((i for i, c in enumerate(choices)
                      if c.get("attrs", {}).get("data-juist") == "true"), -1)
        found.append([node["attrs"]["data-id"], right])
    if found:
        getattr(app.env, SELFCHECKS_KEY, {})[app.env.docname] = found


def _init_env(app: Sphinx, env, docnames) -> None:
    if not hasattr(env, SELFCHECKS_KEY):
        setattr(env, SELFCHECKS_KEY, {})


def _purge(app: Sphinx, env, docname: str) -> None:
    getattr(env, SELFCHECKS_KEY, {}).pop(docname, None)


def _merge(app: Sphinx, env, docnames, other) -> None:
    mine = getattr(env, SELFCHECKS_KEY, {})
    mine.update({d: v for d, v in getattr(other, SELFCHECKS_KEY, {}).items() if d in docnames})
    setattr(env, SELFCHECKS_KEY, mine)


def _chapter_link(app: Sphinx, doctree: nodes.document) -> None:
    """'Werkboek bij dit hoofdstuk' at the end of a chapter (before its sources)."""
    docname = app.env.docname
    if not docname.startswith("book/h"):
        return
    root = Path(app.srcdir)
    for wb_doc, loaded in workbooks_of(app).items():
        if existing_chapter(root, loaded.exercise.hoofdstuk) == docname:
            section = nodes.section(ids=[SECTION_ID], names=[SECTION_ID])
            section += nodes.title(text="Werkboek bij dit hoofdstuk")
            para = nodes.paragraph(text="Oefen wat je las: kennisvragen, twee reflecties en een "
                                        "vraag bij een casus. Je antwoorden blijven op je "
                                        "toestel. Je kunt ze inleveren bij je trainer. ")
            section += para
            listing = nodes.bullet_list()
            listing += nodes.list_item("", nodes.paragraph("", "", doc_link(app.env, wb_doc)))
            listing += nodes.list_item("", nodes.paragraph("", "", doc_link(
                app.env, PROGRESS_DOC, "Mijn voortgang")))
            section += listing
            insert_before_sources(doctree, section)


def _chapter_of(docname: str) -> int | None:
    head = docname.split("/")
    if len(head) >= 2 and head[0] == "book" and head[1][:1] == "h" and head[1][1:3].isdigit():
        return int(head[1][1:3])
    return None


def progress_data(app: Sphinx, here: str) -> dict:
    """What the progress page shows, by chapter: its pages, the self-checks in them (with the
    index of the right answer: the chapter page already holds it), its cases, its workbook."""
    env, builder = app.env, app.builder
    selfchecks = getattr(env, SELFCHECKS_KEY, {})
    chapters: dict[int, dict] = {}
    for docname in sorted(env.found_docs):
        number = _chapter_of(docname)
        if number is None:
            continue
        chapter = chapters.setdefault(number, {"nummer": number, "paginas": [],
                                               "zelftoetsen": [], "casussen": [],
                                               "werkboek": None})
        if docname.count("/") == 1 or docname.endswith("/index"):
            chapter["titel"] = env.titles[docname].astext() if docname in env.titles else docname
            chapter["href"] = builder.get_relative_uri(here, docname)
        chapter["paginas"].append(docname)
        chapter["zelftoetsen"] += selfchecks.get(docname, [])
    for case_doc, loaded in sorted(cases_of(app).items()):
        for number in loaded.case.hoofdstukken:
            if number in chapters:
                chapters[number]["casussen"].append({
                    "id": loaded.id, "titel": env.titles[case_doc].astext()
                    if case_doc in env.titles else loaded.case.titel,
                    "href": builder.get_relative_uri(here, case_doc)})
    for wb_doc, loaded in workbooks_of(app).items():
        number = loaded.exercise.hoofdstuk
        if number in chapters:
            chapters[number]["werkboek"] = {"id": loaded.id,
                                            "href": builder.get_relative_uri(here, wb_doc)}
    return {"versie": 1, "hoofdstukken": [chapters[n] for n in sorted(chapters)]}


def _fill_progress(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if docname != PROGRESS_DOC or app.builder.format != "html":
        return
    for box in doctree.findall(lambda n: isinstance(n, nodes.Element)
                               and "db-voortgang" in n.get("classes", [])):
        payload = json.dumps(progress_data(app, docname), ensure_ascii=False,
                             separators=(",", ":")).replace("</", "<\\/")
        box.insert(0, nodes.raw("", f'<script type="application/json" '
                               f'class="db-voortgang-data">{payload}</script>', format="html"))


def _page_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    # Every page says which page it is: draaiboek.js records the visit on the device.
    context["metatags"] = context.get("metatags", "") + (
        f'<meta name="draaiboek:pagina" content="{pagename}">')
    if is_workbook(app, pagename):
        for script in _check_scripts():
            app.add_js_file(script, loading_method="defer")
        app.add_js_file("werkboek.js", loading_method="defer")
    if pagename == PROGRESS_DOC:
        app.add_js_file("voortgang.js", loading_method="defer")


PACKAGE = Path(__file__).parent.parent
# The page ports of the formative checks and of the privacy screen, in the order they load.
CHECK_SCRIPTS = (("formatief.js", PACKAGE / "exercises" / "static"),
                 ("privacy.js", PACKAGE / "privacy" / "static"))


def _check_scripts() -> list[str]:
    return [name for name, _ in CHECK_SCRIPTS]


def _config(app: Sphinx, config) -> None:
    for _, folder in CHECK_SCRIPTS:
        config.html_static_path.append(str(folder))


def setup_workbook(app: Sphinx) -> None:
    # A trainer-led course can keep the example answers (and the right/wrong feedback on
    # knowledge checks) back while it runs: `draaiboek_voorbeelden: false` in _config.yml.
    app.add_config_value("draaiboek_voorbeelden", True, "env", [bool])
    app.connect("config-inited", _config)
    app.connect("builder-inited", _load)
    app.connect("env-before-read-docs", _init_env)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("doctree-read", _collect_selfchecks)
    app.connect("doctree-read", _chapter_link, priority=420)
    app.connect("doctree-resolved", _fill_progress)
    app.connect("html-page-context", _page_assets)
    app.add_directive("werkboek", WorkbookPiece)
    app.add_directive("werkboeken", WorkbookList)
    app.add_directive("voortgang", Progress)
    app.add_css_file("werkboek.css")
