"""Finding story-format code (macros) in a Twine passage, which our case player cannot run.

The rules, precisely (the README's Twine guide tells them in Dutch):

- Harlowe: `(name:` where `name` is one of Harlowe's macro names (case, hyphens and
  underscores ignored, as Harlowe does): `(set:`, `(link-goto:`, `(go-to:`, `(if:` ...
  Prose such as `(zie: hoofdstuk 3)` or `(let op: ...)` is no macro: not a Harlowe name.
- SugarCube: `<<name ...>>` on one line where `name` is a SugarCube macro (`<<set`, `<<if`,
  `<</if>>`, `<<link` ...), or the print forms `<<= ...>>` and `<<- ...>>`; a link with a
  setter `[[...][$x to 1]]`. `<<` in prose (`<<niet nu>>`, `a << b`) is no macro.
- Variables (`$naam`, `_tijd`) count only inside such a macro: `$woord` in prose is text.
- Snowman: `<%`, `<%=` or `<%-` with a closing `%>` later in the passage.
- Chapbook: an insert `{back link}`, `{link to: ...}`, `{embed passage: ...}` ... or a
  variable insert `{naam}` / `{speler.naam}` (single braces; our terms `{{ term }}` are no
  insert); a modifier line that holds only `[if ...]`, `[else]`, `[unless ...]`,
  `[continue]`, `[after 2s]`, `[align center]`, `[note]`, `[JavaScript]`, `[CSS]` ...
  Brackets in dialogue (`[lachend]`, `[zucht] Ja.`) are no modifier.
- Any format: an HTML `<script>` or `<style>` element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HARLOWE = {
    "a", "align", "after", "alert", "all-pass", "allpass", "altered", "append", "append-with",
    "array", "b4r", "background", "bg", "border", "box", "button", "cond", "confirm",
    "count", "css", "cycling-link", "datamap", "dataset", "dm", "display", "dropdown",
    "ds", "either", "else", "else-if", "elseif", "enchant", "enchant-in", "event", "find",
    "font", "for", "go-to", "goto", "hidden", "hide", "history", "hook", "if", "input",
    "input-box", "it", "link", "link-goto", "link-reveal", "link-reveal-goto", "link-repeat",
    "link-replace", "link-rerun", "link-show", "link-undo", "link-fullscreen", "live",
    "load-game", "loop", "mock-visits", "move", "nth", "num", "number", "passage", "prepend",
    "print", "prompt", "put", "random", "redirect", "reload", "replace", "replace-with",
    "restart", "rerun", "save-game", "saved-games", "seq-link", "set", "show", "size",
    "source", "str", "string", "t8n", "t8n-depart", "t8n-arrive", "text-colour", "text-color",
    "colour", "color", "text-rotate", "text-style", "transition", "undo", "unless", "unpack",
    "verbatim", "visited", "click", "click-goto", "click-replace", "click-append",
    "mouseover", "mouseout", "meter", "dialog", "checkbox", "storylet", "open-storylets",
    "icon-undo", "icon-redo", "icon-restart", "change", "converted", "twirl", "forget-undos",
    "forget-visits", "metadata", "debug", "v6m-print", "verbatim-print", "joined", "sorted",
    "rotated", "shuffled", "range", "subarray", "substring", "lowercase", "uppercase",
    "round", "floor", "ceil", "abs", "max", "min", "sqrt", "dice", "cond", "gradient",
    "rgb", "rgba", "hsl", "hsla", "lch", "lcha", "stripes", "hover-style", "collapse",
    "nobr", "ignore", "append-to", "line-break", "datanames", "datavalues", "dataentries",
}
SUGARCUBE = {
    "set", "unset", "if", "elseif", "else", "run", "script", "print", "include", "nobr",
    "silently", "link", "linkappend", "linkprepend", "linkreplace", "button", "goto", "back",
    "return", "choice", "actions", "click", "display", "remember", "forget", "capture", "for",
    "break", "continue", "switch", "case", "default", "textbox", "textarea", "checkbox",
    "radiobutton", "cycle", "option", "optionsfrom", "listbox", "numberbox", "timed", "next",
    "repeat", "stop", "widget", "audio", "cacheaudio", "playlist", "createplaylist",
    "createaudiogroup", "masteraudio", "removeaudiogroup", "removeplaylist", "waitforaudio",
    "track", "addclass", "removeclass", "toggleclass", "append", "prepend", "replace",
    "remove", "copy", "type", "do", "redo", "done", "silent", "message",
}
CHAPBOOK_INSERTS = (
    "back link", "restart link", "undo link", "redo link", "link to", "reveal link",
    "cycling link", "dropdown menu", "text input", "embed passage", "embed image",
    "embed youtube video", "embed vimeo video", "embed flickr image", "embed unsplash image",
    "ambient sound", "sound effect", "music", "passage name", "checkbox",
)
CHAPBOOK_MODIFIERS = {
    "if", "else", "unless", "continue", "cont", "cont'd", "after", "align", "append", "note",
    "fixme", "todo", "fork", "javascript", "css", "transition", "t8n", "ifgoto",
}


@dataclass(frozen=True)
class Macro:
    line: int  # 1-based, inside the passage text
    code: str  # what was found, as written
    format: str  # Harlowe, SugarCube, Snowman, Chapbook, HTML


_HARLOWE = re.compile(r"\((?P<name>[A-Za-z][A-Za-z0-9_-]*):")
_SUGAR = re.compile(r"<<\s*(?:/\s*)?(?P<name>[A-Za-z][\w-]*|=|-)")
_SETTER = re.compile(r"\[\[[^\]]*\]\[[^\]]*\]\]")
_SNOWMAN = re.compile(r"<%[=-]?")
_CHAPBOOK_INSERT = re.compile(
    r"(?<!\{)\{(?!\{)\s*(?:(?P<insert>" + "|".join(re.escape(i) for i in CHAPBOOK_INSERTS)
    + r")\b[^{}]*|(?P<var>[A-Za-z_$][\w$]*(?:\.[\w$]+)*))\s*\}(?!\})")
_MODIFIER = re.compile(r"^\s*\[(?P<body>[^\[\]]+)\]\s*$")
_HTML = re.compile(r"<\s*(script|style)\b", re.IGNORECASE)


def _norm(name: str) -> str:
    return name.lower().replace("_", "").replace("-", "")


_HARLOWE_NORM = {_norm(n) for n in HARLOWE}


def find_macros(text: str) -> list[Macro]:
    """Every piece of story-format code in a passage text, in reading order."""
    found: list[Macro] = []
    lines = text.split("\n")
    snowman_closes = "%>" in text
    for number, line in enumerate(lines, start=1):
        for m in _HARLOWE.finditer(line):
            if _norm(m["name"]) in _HARLOWE_NORM:
                found.append(Macro(number, m.group(0), "Harlowe"))
        for m in _SUGAR.finditer(line):
            name = m["name"]
            if (name in ("=", "-") or name.lower() in SUGARCUBE) and ">>" in line[m.end():]:
                found.append(Macro(number, line[m.start():line.index(">>", m.end()) + 2],
                                   "SugarCube"))
        for m in _SETTER.finditer(line):
            found.append(Macro(number, m.group(0), "SugarCube"))
        if snowman_closes:
            for m in _SNOWMAN.finditer(line):
                found.append(Macro(number, m.group(0) + " ... %>", "Snowman"))
        for m in _CHAPBOOK_INSERT.finditer(line):
            found.append(Macro(number, m.group(0), "Chapbook"))
        modifier = _MODIFIER.match(line)
        if modifier:
            first = re.split(r"[\s;]", modifier["body"].strip(), maxsplit=1)[0].lower()
            if first in CHAPBOOK_MODIFIERS:
                found.append(Macro(number, line.strip(), "Chapbook"))
        for m in _HTML.finditer(line):
            found.append(Macro(number, f"<{m.group(1).lower()}>", "HTML"))
    return found
