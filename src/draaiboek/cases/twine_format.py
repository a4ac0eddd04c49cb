"""The Twine 2 story format "Draaiboek": the book's case player inside Twine.

`format.js` is one `window.storyFormat({...})` call (twine-2-storyformats-spec). Its `source`
is a page that bundles static/casus.js and static/casus.css as they are when the format is
built, and a small bootstrap: it reads the compiled case that our Twee export puts in the
story JavaScript (twee.DATA_START), and hands it to the player exactly as a book page does.
Twine (and Tweego, extwee) publish a story by replacing {{STORY_NAME}} and {{STORY_DATA}}.
When the passages were changed in Twine after the export, the page says so: the case
compiler (YAML, conditions, Markdown, region terms) runs in Python, not in Twine.
"""

from __future__ import annotations

import json
from pathlib import Path

from .twee import DATA_END, DATA_START, FORMAT_NAME, FORMAT_VERSION

STATIC = Path(__file__).parent / "static"

_PAGE_CSS = """
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 1.05rem; line-height: 1.5; color: #1b1f23; background: #fff; }
main { max-width: 42rem; margin: 0 auto; padding: 0.75rem 1rem 2rem; }
h1 { font-size: 1.4rem; margin: 0.5rem 0; }
tw-storydata { display: none; }
.db-melding { background: #fff4e0; color: #4a2f00; border-left: 0.3rem solid #a15c00;
  padding: 0.6rem 0.8rem; border-radius: 0.3rem; }
"""

_BOOTSTRAP = r"""
(function () {
  "use strict";
  var START = %(start)s, END = %(end)s;
  var main = document.getElementById("draaiboek");
  var storyData = document.querySelector("tw-storydata");
  function note(text) {
    var p = document.createElement("p");
    p.className = "db-melding";
    p.setAttribute("role", "status");
    p.textContent = text;
    main.appendChild(p);
  }
  function fingerprint(passages) {
    var h = 0x811c9dc5;
    passages.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    passages.forEach(function (p) {
      var s = p[0] + "\n" + p[1] + "\n\u0000";
      for (var i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
      }
    });
    return ("0000000" + h.toString(16)).slice(-8);
  }
  if (!storyData) { note("Deze pagina bevat geen Twine-verhaal."); return; }
  var title = document.getElementById("db-titel");
  // The story JavaScript (Twine puts passages tagged 'script' there), or such a passage.
  var code = "";
  Array.prototype.forEach.call(storyData.querySelectorAll(
    'script[role="script"], tw-passagedata[tags~="script"]'), function (el) {
    code += (el.textContent || "") + "\n";
  });
  var from = code.indexOf(START), to = code.indexOf(END);
  if (from < 0 || to < from) {
    note("Dit verhaal heeft nog geen casus om te spelen. Lees het in met 'draaiboek casus " +
         "importeer', exporteer het opnieuw met 'draaiboek casus exporteer' en importeer die " +
         "Twee-file in Twine (Library \u2192 Import).");
    return;
  }
  var body = code.slice(from + START.length, to);
  var mark = /window\.draaiboekVingerafdruk = "([0-9a-f]+)";/.exec(body);
  var json = body.slice(0, body.lastIndexOf("};") + 1);
  var data;
  try { data = JSON.parse(json); } catch (e) {
    note("De casus in dit verhaal is beschadigd. Exporteer hem opnieuw.");
    return;
  }
  title.innerHTML = data.titel;
  document.title = title.textContent || document.title;
  var passages = [];
  Array.prototype.forEach.call(storyData.querySelectorAll("tw-passagedata"), function (p) {
    var tags = (p.getAttribute("tags") || "").split(/\s+/);
    if (tags.indexOf("script") >= 0 || tags.indexOf("stylesheet") >= 0) return;
    passages.push([p.getAttribute("name") || "", p.textContent || ""]);
  });
  if (mark && fingerprint(passages) !== mark[1]) {
    note("Let op: de passages zijn in Twine veranderd na de export. Je speelt de casus zoals " +
         "hij was bij de export. Wil je je wijzigingen spelen? Publiceer of exporteer het " +
         "verhaal, lees het in met 'draaiboek casus importeer' en exporteer het opnieuw.");
  }
  // Twine's Test From Here: the test starts at that scene, with the indicators' start values.
  var options = (storyData.getAttribute("options") || "").split(/\s+/);
  var startPid = storyData.getAttribute("startnode");
  var startPassage = storyData.querySelector('tw-passagedata[pid="' + startPid + '"]');
  var startName = startPassage ? startPassage.getAttribute("name") : null;
  if (options.indexOf("debug") >= 0 && startName && data.scenes[startName] &&
      startName !== data.start) {
    data.start = startName;
    data.id = data.id + ":test:" + startName;
    note("Test vanaf deze scène: de meters beginnen bij hun startwaarde.");
  }
  var box = document.createElement("div");
  box.className = "db-casus";
  box.setAttribute("data-casus", data.id);
  var holder = document.createElement("script");
  holder.type = "application/json";
  holder.className = "db-casus-data";
  holder.textContent = JSON.stringify(data);
  box.appendChild(holder);
  main.appendChild(box);
})();
"""


def format_source() -> str:
    """The story format's page, with {{STORY_NAME}} and {{STORY_DATA}} for Twine to fill."""
    css = (STATIC / "casus.css").read_text(encoding="utf-8")
    js = (STATIC / "casus.js").read_text(encoding="utf-8")
    bootstrap = _BOOTSTRAP % {"start": json.dumps(DATA_START), "end": json.dumps(DATA_END)}
    return (
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{{STORY_NAME}}</title>\n"
        f"<style>{_PAGE_CSS}\n{css}</style>\n</head>\n<body>\n"
        "<main id=\"draaiboek\"><h1 id=\"db-titel\">{{STORY_NAME}}</h1></main>\n"
        "{{STORY_DATA}}\n"
        f"<script>{bootstrap}</script>\n<script>{js}</script>\n</body>\n</html>\n"
    )


def format_js() -> str:
    """format.js: one `window.storyFormat({...})` call, as Twine loads it (JSONP)."""
    properties = {
        "name": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "author": "Draaiboek",
        "description": "Speelt een casus van het Draaiboek zoals het boek: keuzes, feedback, "
                       "meters en einde. Voor verhalen die 'draaiboek casus exporteer' maakte.",
        "license": "zie het project Draaiboek",
        "proofing": False,
        "source": format_source(),
    }
    return "window.storyFormat(" + json.dumps(properties, ensure_ascii=False) + ");\n"


def write_format(folder: Path) -> Path:
    """Write <folder>/format.js (Twine: Twine → Story Formats → Add, a file:// URL)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "format.js"
    target.write_text(format_js(), encoding="utf-8")
    return target


def publish(story_data: str, story_name: str) -> str:
    """What Twine's publishStoryWithFormat does with our source (for tests and previews)."""
    return format_source().replace("{{STORY_NAME}}", story_name).replace("{{STORY_DATA}}",
                                                                          story_data)
