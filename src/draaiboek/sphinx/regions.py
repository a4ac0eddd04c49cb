"""Regions in the build: the profile's terms become MyST substitutions, its tags become
Sphinx tags for `{only}`, `{sociale-kaart}` renders its organisations and laws,
`{regio-tekst} <plek>` shows a region's own text from `regions/<id>/tekst/<plek>.md`, and
`{regio-overzicht}` (trainer edition) lists what the region adds to the shared text."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..problems import ContentError
from ..regions import REGIONS_FOLDER, TEXT_FOLDER, Region, load_region
from ..variants import WORDS_FOLDER
from .html import make

REGION_KEY = "draaiboek_region"
OVERVIEW_PAGE = "book/trainer-regio-overzicht"


def _load(app: Sphinx, config) -> None:
    root = Path(app.srcdir)
    try:
        region = load_region(root, config.draaiboek_regio)
    except ContentError as exc:
        raise ConfigError(f"Het regioprofiel is niet in orde:\n{exc}") from None
    # Terms of the profile win over substitutions in _config.yml; pages may still override.
    config.myst_substitutions = {**config.myst_substitutions, **region.termen}
    for tag in region.tags:
        app.tags.add(tag)
    config.html_context = {**config.html_context, "draaiboek_regio": region.id}
    setattr(app, REGION_KEY, region)
    # The word lists of the language variants are data for `draaiboek check`, not pages.
    config.exclude_patterns.append(f"{WORDS_FOLDER}/**")
    # A region's texts are parts of chapters, not pages of their own.
    config.exclude_patterns.append(f"{REGIONS_FOLDER}/*/{TEXT_FOLDER}/**")
    # The Regio-overzicht is for trainers; _toc.yml lists it with a glob, so the learner
    # edition simply has no such page.
    if config.draaiboek_editie != "trainer":
        config.exclude_patterns.append(f"{OVERVIEW_PAGE}.md")


def region_of(app: Sphinx) -> Region:
    return getattr(app, REGION_KEY)


class MarkRegionBlocks(SphinxPostTransform):
    """Wrap what an `{only} regio_...` block keeps in <div class="db-regio">, so that readers
    (and the tests) can see which text belongs to one region only."""

    default_priority = 10  # before Sphinx's own OnlyNodeTransform (priority 100)

    def run(self, **kwargs) -> None:
        from sphinx import addnodes

        for node in list(self.document.findall(addnodes.only)):
            if "regio_" not in node["expr"]:
                continue
            if self.app.tags.eval_condition(node["expr"]):
                wrapper = make("div", classes=["db-regio"], **{"data-regio": node["expr"]})
                wrapper += node.children
                node.children = [wrapper]
                wrapper.parent = node


class SocialMap(SphinxDirective):
    """`{sociale-kaart}`: the organisations and laws of the region being built."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        region = region_of(self.env.app)
        # Everything here comes from the profile: mark it as region-specific text.
        result = make("div", classes=["db-regio"], **{"data-regio": region.id})
        orgs = nodes.definition_list(classes=["db-sociale-kaart"])
        for org in region.organisaties:
            body = [nodes.paragraph(text=org.wat)]
            if org.contact:
                body.append(nodes.paragraph("", "", nodes.strong(text="Contact: "),
                                            nodes.Text(org.contact)))
            orgs += nodes.definition_list_item(
                "", nodes.term(text=org.naam), nodes.definition("", *body)
            )
        laws = nodes.bullet_list(classes=["db-wetten"])
        for law in region.wetten:
            title = law.naam + (f" ({law.jaar})" if law.jaar else "")
            laws += nodes.list_item(
                "", nodes.paragraph("", "", nodes.strong(text=title), nodes.Text(": " + law.waarover))
            )
        result += orgs
        result += nodes.rubric(text=f"Wetten en regels in {region.naam}")
        result += laws
        return [result]


class RegionTextPlace(SphinxDirective):
    """`{regio-tekst} <plek>`: a place in a chapter where a region may put its own text
    (`regions/<id>/tekst/<plek>.md`, the nearest region in the `extends:` chain wins). The
    block's own content is what regions without such a file show; `zonder: [<plek>]` in a
    profile shows nothing."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        region = region_of(self.env.app)
        place = self.arguments[0]
        if place in region.zonder:
            return []
        text = region.teksten.get(place)
        if text is None:
            if not self.content:
                return []
            holder = nodes.container()
            self.state.nested_parse(self.content, self.content_offset, holder)
            return holder.children
        path = Path(self.env.srcdir) / text.file
        self.env.note_dependency(str(path))
        wrapper = make("div", classes=["db-regio"], **{"data-regio": text.owner})
        self.state.nested_parse(StringList(text.text.splitlines(), source=str(path)), 0,
                                wrapper)
        return [wrapper]


class RegionOverview(SphinxDirective):
    """`{regio-overzicht}`: the region's terms, organisations, laws, region-only paragraphs,
    texts and cards, computed by the same code as `draaiboek regio verschil`."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from ..region_diff import overview

        region = region_of(self.env.app)
        root = Path(self.env.srcdir)
        for file in region.files:
            self.env.note_dependency(str(root / file))
        info = overview(root, region)
        ancestors = [load_region(root, rid).naam for rid in region.chain[1:]]
        result: list[nodes.Node] = [nodes.paragraph(
            text=f"Dit boek is de editie {region.naam}"
            + (f"; die erft van {' en '.join(ancestors)}." if ancestors else ".")
            + f" Profiel: {region.files[0]}.")]
        result.append(nodes.rubric(text="Termen"))
        terms = nodes.definition_list(classes=["db-regio-termen"])
        for key, meaning in info.meanings.items():
            terms += nodes.definition_list_item(
                "", nodes.term("", "", nodes.literal(text=key)),
                nodes.definition("", nodes.paragraph(
                    "", "", nodes.strong(text=region.termen.get(key, "(ontbreekt)")),
                    nodes.Text(f": {meaning}"))))
        result.append(terms)
        for title, names in (("Organisaties op de sociale kaart",
                              [o.naam for o in region.organisaties]),
                             ("Wetten en regels", [w.naam for w in region.wetten]),
                             ("Eigen methodekaarten", info.cards)):
            result.append(nodes.rubric(text=title))
            result.append(_bullets(names or ["geen"]))
        result.append(nodes.rubric(text=f"Alinea's alleen voor {region.naam} (of de regio's "
                                        "waarvan ze erft)"))
        result.append(_bullets([f"{p.file}, regel {p.line}: {p.excerpt}"
                                for p in info.paragraphs] or ["geen"]))
        result.append(nodes.rubric(text="Eigen teksten op een plek in een hoofdstuk"))
        result.append(_bullets([f"{p.label} ({p.file}): {p.excerpt}" for p in info.texts]
                               or ["geen"]))
        return result


def _bullets(items: list[str]) -> nodes.bullet_list:
    result = nodes.bullet_list()
    for item in items:
        result += nodes.list_item("", nodes.paragraph(text=item))
    return result


def setup_regions(app: Sphinx) -> None:
    app.connect("config-inited", _load)
    app.add_post_transform(MarkRegionBlocks)
    app.add_directive("sociale-kaart", SocialMap)
    app.add_directive("regio-tekst", RegionTextPlace)
    app.add_directive("regio-overzicht", RegionOverview)
