"""Writing an imported case back into its existing YAML file, changing only what changed.

An author edits a case in Twine and imports it again: the case file must show just that
edit, so that it can be reviewed. `update_case_text` keeps the file's text and replaces only
the spans of values that differ, in the style the file already uses for them (plain,
quoted, folded `>-` or literal `|` block, indented lists). Fields the file leaves out
because they have their default stay out; fields it writes out with a default value stay.
An unchanged case leaves the file byte-identical. A minimal patcher on PyYAML's node marks
(no round-trip YAML library needed: the project already reads YAML with PyYAML)."""

from __future__ import annotations

from typing import Any

import yaml

from .schema import Case


class _IndentedDumper(yaml.SafeDumper):
    """Lists indented under their key (`key:\\n  - item`), as most case files write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _numbers(dumper: yaml.SafeDumper, value: list):
    """A list of numbers (a position on the Twine map) on one line: `[600, 400]`."""
    flow = bool(value) and all(isinstance(x, (int, float)) for x in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow or None)


_IndentedDumper.add_representer(list, _numbers)


class _PlainDumper(yaml.SafeDumper):
    pass


_PlainDumper.add_representer(list, _numbers)


def _emit(value: Any, column: int, style: str | None = None, indented: bool = True,
          flow: bool = False) -> str:
    """`value` as YAML text whose later lines start at `column` (the first line is placed
    by the caller). A block collection comes back with every line at `column`."""
    if flow:
        return yaml.dump(value, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False,
                         default_flow_style=True, width=100 - column).strip()
    base = _IndentedDumper if indented else _PlainDumper

    class Dumper(base):  # type: ignore[misc, valid-type]
        pass

    if style is not None and isinstance(value, str):
        Dumper.add_representer(str, lambda d, v: d.represent_scalar(
            "tag:yaml.org,2002:str", v, style=style) if v == value else d.represent_str(v))
    text = yaml.dump({"k": value}, Dumper=Dumper, allow_unicode=True, sort_keys=False,
                     width=max(40, 100 - column)).rstrip("\n")
    lines = text[len("k:"):].split("\n")
    first, rest = lines[0].strip(), lines[1:]
    least = min((len(x) - len(x.lstrip(" ")) for x in rest if x.strip()), default=0)
    body = [" " * column + x[least:] if x.strip() else "" for x in rest]
    if not first:
        return "\n".join(body)
    return "\n".join([first, *body])


def _end(text: str, node: yaml.Node) -> int:
    """Index just after the last character of a node's content (never its trailing breaks)."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _end(text, node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _end(text, node.value[-1])
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in "\n \t":
        end -= 1
    return end


def _block(node: yaml.Node) -> bool:
    return isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style \
        and bool(node.value)


class _Patcher:
    def __init__(self, text: str, indented: bool) -> None:
        self.text = text
        self.indented = indented
        self.edits: list[tuple[int, int, str]] = []

    def apply(self) -> str:
        text = self.text
        for start, end, new in sorted(self.edits, key=lambda e: (e[0], e[1]), reverse=True):
            text = text[:start] + new + text[end:]
        return text

    def node(self, node: yaml.Node, old: Any, new: Any, column: int) -> None:
        """Bring `node` (holding `old`) to `new`; `column`: where its later lines start."""
        if old == new:
            return
        if isinstance(node, yaml.MappingNode) and _block(node) and isinstance(old, dict) \
                and isinstance(new, dict) and new:
            self.mapping(node, old, new)
        elif isinstance(node, yaml.SequenceNode) and _block(node) and isinstance(old, list) \
                and isinstance(new, list) and len(old) == len(new):
            for item, o, n in zip(node.value, old, new):
                self.node(item, o, n, item.start_mark.column)
        else:
            self.whole(node, new, column)

    def whole(self, node: yaml.Node, value: Any, column: int) -> None:
        start, end = node.start_mark.index, _end(self.text, node)
        if isinstance(node, yaml.ScalarNode) and not (isinstance(value, (dict, list)) and value):
            style = node.style if node.style in ("'", '"', "|", ">") else None
            if style in ("|", ">"):
                after = self.text[self.text.find("\n", start) + 1:]
                column = len(after) - len(after.lstrip(" ")) if after.strip() else column + 2
            new = _refold(self.text[start:end], node, value) if isinstance(value, str) \
                and style in (None, ">") else None
            self.edits.append((start, end, new or _emit(value, column, style, self.indented)))
        elif getattr(node, "flow_style", False) or not (isinstance(value, (dict, list)) and value):
            flow = isinstance(value, (dict, list))
            self.edits.append((start, end, _emit(value, column, flow=flow)))
        else:
            self.edits.append((start, end, _emit(value, column, None, self.indented).lstrip(" ")))

    def mapping(self, node: yaml.MappingNode, old: dict, new: dict) -> None:
        column = node.value[0][0].start_mark.column
        pairs = {str(k.value): (k, v) for k, v in node.value}
        for key in old:
            key_node, value_node = pairs[str(key)]
            if key not in new:  # back to its default: the line goes
                start = self.text.rfind("\n", 0, key_node.start_mark.index) + 1
                end = self.text.find("\n", _end(self.text, value_node))
                self.edits.append((start, len(self.text) if end < 0 else end + 1, ""))
            elif isinstance(value_node, yaml.ScalarNode) and value_node.style not in ("|", ">") \
                    and isinstance(new[key], (dict, list)) and new[key] and old[key] != new[key]:
                # a scalar becomes a block: it starts on the next line
                self.edits.append((key_node.end_mark.index, _end(self.text, value_node),
                                   ":\n" + self._value(new[key], column + 2)))
            else:
                inner = value_node.start_mark.column if _block(value_node) else column + 2
                self.node(value_node, old[key], new[key], inner)
        previous = None
        for key in new:
            if key in old:
                previous = key
                continue
            if previous is None:
                at = self.text.rfind("\n", 0, node.value[0][0].start_mark.index) + 1
                self.edits.append((at, at, " " * column + self._pair(key, new[key], column)
                                   + "\n" + " " * 0))
            else:
                at = _end(self.text, pairs[str(previous)][1])
                self.edits.append((at, at, "\n" + " " * column
                                   + self._pair(key, new[key], column)))

    def _value(self, value: Any, column: int) -> str:
        if self.indented or not isinstance(value, list):
            return _emit(value, column, None, self.indented)
        return _emit(value, column - 2, None, self.indented)

    def _pair(self, key: str, value: Any, column: int) -> str:
        if isinstance(value, (dict, list)) and value:
            return f"{key}:\n" + self._value(value, column + 2)
        return f"{key}: " + _emit(value, column + 2)


def _refold(source: str, node: yaml.ScalarNode, value: str) -> str | None:
    """A changed text in a folded (`>`) or multi-line plain scalar, keeping the author's
    line breaks: each word stays on the line it was on, new words join their neighbour's
    line. None when that is not possible (the caller writes the text anew)."""
    import difflib

    lines = source.split("\n")
    if len(lines) < 2 or not isinstance(node.value, str):
        return None
    head, body = (lines[0], lines[1:]) if node.style == ">" else ("", lines)
    if node.style is None:  # plain: the first line holds text too
        head, body = "", lines
    paragraphs: list[list[str]] = [[]]
    gaps: list[int] = []
    for line in body:
        if line.strip():
            if not paragraphs[-1] and gaps and gaps[-1] == 0:
                pass
            paragraphs[-1].append(line)
        else:
            if paragraphs[-1]:
                paragraphs.append([])
                gaps.append(1)
            elif gaps:
                gaps[-1] += 1
    if not paragraphs[-1]:
        paragraphs.pop()
    old_parts = node.value.rstrip("\n").split("\n")
    new_parts = value.rstrip("\n").split("\n")
    if len(old_parts) != len(new_parts) or value.endswith("\n") != node.value.endswith("\n"):
        return None
    # map text paragraphs onto the source's groups of lines (one group per non-empty part)
    groups = iter(paragraphs)
    out_groups = []
    for old_part, new_part in zip(old_parts, new_parts):
        if not old_part:
            if new_part:
                return None
            continue
        group = next(groups, None)
        if group is None or not new_part.strip() or new_part != " ".join(new_part.split()):
            return None
        first_line = group[0]
        indent = [len(x) - len(x.lstrip(" ")) for x in group]
        words_per_line = [x.split() for x in group]
        old_words = [w for ws in words_per_line for w in ws]
        if " ".join(old_words) != old_part.strip() and node.style == ">":
            return None
        line_of = [i for i, ws in enumerate(words_per_line) for _ in ws]
        new_words = new_part.split()
        placed: list[list[str]] = [[] for _ in group]
        matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            for k in range(b1, b2):
                if tag == "equal":
                    placed[line_of[a1 + k - b1]].append(new_words[k])
                else:
                    at = line_of[min(a1, len(line_of) - 1)] if line_of else 0
                    if a1 > 0 and tag == "insert":
                        at = line_of[a1 - 1]
                    placed[at].append(new_words[k])
        rebuilt = [" " * ind + " ".join(ws) for ind, ws in zip(indent, placed) if ws]
        if node.style is None and group is paragraphs[0]:
            rebuilt[0] = rebuilt[0].lstrip(" ") if first_line == group[0] else rebuilt[0]
        out_groups.append(rebuilt)
    if next(groups, None) is not None:
        return None
    result: list[str] = [head] if node.style == ">" else []
    for index, group in enumerate(out_groups):
        result += group
        if index < len(gaps) and index < len(out_groups) - 1:
            result += [""] * gaps[index]
    text = "\n".join(result)
    try:
        same = yaml.safe_load("k: " + text) == {"k": value}
    except yaml.YAMLError:
        same = False
    return text if same else None


def _lists_indented(root: yaml.Node) -> bool:
    """Whether the file writes block lists indented under their key."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(value, yaml.SequenceNode) and _block(value):
                    return value.start_mark.column > key.start_mark.column
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return True


def _target(full: Any, short: Any, old: Any) -> Any:
    """What the file should hold: the fields without their defaults (`short`), plus every
    default field the file already writes out with that same value."""
    if isinstance(full, dict):
        result = {}
        for key, value in full.items():
            in_old = isinstance(old, dict) and key in old
            if isinstance(short, dict) and key in short:
                result[key] = _target(value, short[key], old.get(key) if in_old else None)
            elif in_old and old[key] == value:
                result[key] = value
        return result
    if isinstance(full, list):
        olds = old if isinstance(old, list) and len(old) == len(full) else [None] * len(full)
        shorts = short if isinstance(short, list) and len(short) == len(full) else full
        return [_target(f, s, o) for f, s, o in zip(full, shorts, olds)]
    return full


def case_data(case: Case) -> tuple[dict, dict]:
    """(every field, fields without defaults) of a case, as plain data."""
    return (case.model_dump(mode="json"), case.model_dump(mode="json", exclude_defaults=True))


def update_case_text(text: str, old: Case, new: Case, notes: list[str] | None = None) -> str:
    """The case file's text with only what differs between `old` (the file) and `new`.
    When the changes cannot be written in place, the case is written anew (said in notes)."""
    if old == new:
        return text
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    data = yaml.safe_load(text)
    full, short = case_data(new)
    patcher = _Patcher(text, _lists_indented(root))
    patcher.node(root, data, _target(full, short, data), 0)
    result = patcher.apply()
    try:
        same = Case.model_validate(yaml.safe_load(result)) == new
    except Exception:  # noqa: BLE001 - any failure means: write the case anew
        same = False
    if not same:
        # The patch could not express the change faithfully: write the case anew.
        if notes is not None:
            notes.append("De wijzigingen pasten niet in de opmaak van het bestand: ik heb de "
                         "hele casus opnieuw geschreven. Kijk de verschillen na voor je ze "
                         "bewaart.")
        return yaml.safe_dump(short, allow_unicode=True, sort_keys=False, width=100)
    return result
