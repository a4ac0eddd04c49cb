"""`{zelftoets}`: a multiple-choice self-check that works in the static page.

The HTML works without JavaScript (every answer has its explanation in a <details>), and
draaiboek.js turns it into buttons with announced feedback and progress kept in the
browser. The YAML body is validated by `draaiboek.selfchecks.parse_selfcheck`."""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..problems import ContentError
from ..selfchecks import SelfCheck, parse_selfcheck
from .html import make
from .warnings import DraaiboekWarning, warn


class SelfCheckDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        file = self.env.doc2path(self.env.docname, base=False)
        first_line = self.content_offset + 1
        try:
            check = parse_selfcheck("\n".join(self.content), str(file), first_line)
        except ContentError as exc:
            for problem in exc.problems:
                warn(
                    DraaiboekWarning.ZELFTOETS,
                    f"zelftoets niet in orde: {problem.message} {problem.fix}".strip(),
                    location=(self.env.docname, problem.line or self.lineno),
                )
            return []
        return [self._render(check)]

    def _parse(self, text: str, container: nodes.Element) -> nodes.Element:
        self.state.nested_parse(StringList(text.splitlines()), self.content_offset, container)
        return container

    def _render(self, check: SelfCheck) -> nodes.Element:
        question_id = f"zelftoets-{check.id}"
        root = make(
            "div",
            classes=["db-zelftoets"],
            role="group",
            **{"data-id": check.id, "aria-labelledby": question_id},
        )
        root += make("p", nodes.Text("Zelftoets"), classes=["db-zelftoets-label"])
        question = make("div", classes=["db-vraag"])
        question["ids"] = [question_id]
        root += self._parse(check.vraag, question)
        choices = make("ol", classes=["db-keuzes"])
        for choice in check.keuzes:
            text, _ = self.state.inline_text(choice.tekst, self.lineno)
            item = make("li", classes=["db-keuze"], **{"data-juist": str(choice.juist).lower()})
            item += make("span", *text, classes=["db-keuze-tekst"])
            explanation = make("details", classes=["db-uitleg"])
            explanation += make("summary", nodes.Text("Bekijk de uitleg"))
            verdict = "Juist. " if choice.juist else "Niet juist. "
            body = self._parse(choice.uitleg, make("div", classes=["db-uitleg-tekst"]))
            first = next(iter(body.findall(nodes.paragraph)), None)
            if first is not None:
                first.insert(0, nodes.strong(text=verdict, classes=[VERDICT]))
            explanation += body
            item += explanation
            choices += item
        root += choices
        root += make("p", classes=["db-feedback"], **{"aria-live": "polite"})
        return root


# The label the page puts before an explanation: not part of the author's prose.
VERDICT = "db-oordeel"


def setup_selfchecks(app: Sphinx) -> None:
    app.add_directive("zelftoets", SelfCheckDirective)
