"""Regions in the build: the profile's terms become MyST substitutions, its tags become
Sphinx tags for `{only}`, and `{sociale-kaart}` renders its organisations and laws."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..problems import ContentError
from ..regions import Region, load_region
from ..variants import WORDS_FOLDER
from .html import make

REGION_KEY = "draaiboek_region"


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


def setup_regions(app: Sphinx) -> None:
    app.connect("config-inited", _load)
    app.add_post_transform(MarkRegionBlocks)
    app.add_directive("sociale-kaart", SocialMap)
