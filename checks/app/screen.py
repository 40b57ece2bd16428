"""One app screen as the checks read it: the nodes of a uiautomator dump with their bounds, in dump pixels and dp.

The artifact ``app_screen`` (made by ``scanner.app_dump``) is plain data: ``{"name", "file", "package", "rotation",
"width", "height", "px_per_dp", "dp_source", "elder", "nodes": [...]}``, each node
``{"path", "class", "package", "resource_id", "text", "content_desc", "hint", "clickable", "long_clickable",
"focusable", "checkable", "enabled", "password", "scrollable", "bounds": [x1, y1, x2, y2], "parent",
"children"}`` (``parent``/``children``: positions in ``nodes``; ``path``: an XPath to the node in the dump).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from xml.sax.saxutils import quoteattr

# Classes whose nodes take typed input: a label there must be a hint or a separate label, not a content-desc
# (TalkBack reads the content-desc instead of what was typed).
EDITABLE_CLASSES = ("EditText", "AutoCompleteTextView", "SearchView$SearchAutoComplete")
IMAGE_CLASSES = ("ImageButton", "ImageView")


@dataclass(frozen=True)
class ScreenNode:
    path: str
    cls: str
    resource_id: str
    text: str
    content_desc: str
    hint: str
    clickable: bool
    long_clickable: bool
    focusable: bool
    enabled: bool
    bounds: tuple[int, int, int, int]
    parent: int | None
    children: tuple[int, ...]
    package: str = ""
    password: bool = False

    @property
    def selector(self) -> str:
        return self.path

    @property
    def html(self) -> str:
        """The node as one canonical dump element (what a finding shows and issues are grouped by)."""
        attrs = {"class": self.cls, "resource-id": self.resource_id, "text": self.text,
                 "content-desc": self.content_desc, "bounds": bounds_text(self.bounds)}
        return "<node " + " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items()) + "/>"

    @property
    def short_class(self) -> str:
        return self.cls.rsplit(".", 1)[-1]

    @property
    def actionable(self) -> bool:
        """A target a user acts on: clickable or long-clickable (ATF's touch-target and duplicate-bounds checks)."""
        return self.clickable or self.long_clickable

    @property
    def editable(self) -> bool:
        return self.short_class in EDITABLE_CLASSES

    @property
    def width_px(self) -> int:
        return self.bounds[2] - self.bounds[0]

    @property
    def height_px(self) -> int:
        return self.bounds[3] - self.bounds[1]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "ScreenNode":
        return cls(path=d["path"], cls=d.get("class", ""), resource_id=d.get("resource_id", ""),
                   text=d.get("text", ""), content_desc=d.get("content_desc", ""), hint=d.get("hint", ""),
                   clickable=bool(d.get("clickable")), long_clickable=bool(d.get("long_clickable")),
                   focusable=bool(d.get("focusable")), enabled=bool(d.get("enabled", True)),
                   bounds=tuple(d["bounds"]), parent=d.get("parent"), children=tuple(d.get("children") or ()),
                   package=d.get("package", ""), password=bool(d.get("password")))


def bounds_text(b: tuple[int, int, int, int]) -> str:
    return f"[{b[0]},{b[1]}][{b[2]},{b[3]}]"


@dataclass
class Screen:
    name: str
    width: int
    height: int
    px_per_dp: float
    elder: bool
    nodes: list[ScreenNode] = field(default_factory=list)
    dp_source: str = "density"

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Screen":
        return cls(name=d.get("name", ""), width=int(d["width"]), height=int(d["height"]),
                   px_per_dp=float(d["px_per_dp"]), elder=bool(d.get("elder")),
                   nodes=[ScreenNode.from_dict(n) for n in d["nodes"]], dp_source=d.get("dp_source", "density"))

    def dp(self, px: float) -> float:
        return px / self.px_per_dp

    @cached_property
    def by_path(self) -> dict[str, ScreenNode]:
        return {n.path: n for n in self.nodes}

    def descendants(self, node: ScreenNode) -> list[ScreenNode]:
        out, todo = [], list(node.children)
        while todo:
            child = self.nodes[todo.pop(0)]
            out.append(child)
            todo.extend(child.children)
        return out

    def speakable_text(self, node: ScreenNode) -> str:
        """What TalkBack says for a node (ATF's rule): its content-desc, else its text (or an editable's hint),
        else the text of descendants that are not targets of their own (a row's label read with the row)."""
        own = node.content_desc.strip() or node.text.strip() or (node.hint.strip() if node.editable else "")
        if own:
            return own
        parts = []
        for child in (self.nodes[i] for i in node.children):
            if child.actionable or child.focusable:
                continue  # a focusable child is announced on its own, not as part of this node
            said = self.speakable_text(child)
            if said:
                parts.append(said)
        return " ".join(parts)


NODE_FIELDS = ("resource_id", "class", "bounds", "text", "content_desc")


def node_fields(html: str) -> dict[str, str]:
    """The node a finding points at (``ScreenNode.html``) as fields: resource_id, class, bounds, text,
    content_desc; empty for anything else."""
    from xml.etree import ElementTree

    try:
        element = ElementTree.fromstring(html)
    except ElementTree.ParseError:
        return {}
    if element.tag != "node":
        return {}
    return {name: element.get(name.replace("_", "-"), "") for name in NODE_FIELDS}
