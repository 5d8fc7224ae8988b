"""The ``member-logos`` directive: a grid of linked logos from YAML data."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator
from sphinx.util.images import get_image_size

from .assets import add_assets_where_used
from .options import text_options, unknown_options

logger = logging.getLogger(__name__)

ALLOWED_KEYS = ("name", "logo", "homepage", "active", "logo_dark")
LOGO_SUFFIXES = (".svg", ".png", ".webp")
URL_FORBIDDEN = frozenset('"<>\\^`{|}')  # never allowed unescaped in a URL
SVG_TAG = "{http://www.w3.org/2000/svg}svg"  # without the namespace, a browser shows nothing
UNREADABLE = object()  # a value that YAML could not construct (already reported)
SVG_LENGTH = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*(?:px)?\s*")


class alliance_member_logos(nodes.General, nodes.Element):
    """The grid: a list of members."""


class alliance_member(nodes.Part, nodes.TextElement):
    """One member: its logo(s), inside a reference when it has a homepage.

    A text element, so that Sphinx's HTML writer accepts a reference holding two images.
    """


class alliance_member_logo(nodes.image):
    """A logo image; ``size`` is its intrinsic (width, height).

    Not ``width``/``height``: with those, Sphinx would wrap a logo without a homepage in a
    link to the image file (``html_scaled_image_link``).
    """


def _warn(message: str, location: Any) -> None:
    logger.warning(message, location=location, type="alliance", subtype="member-logos")


def sort_option(argument: str | None) -> str:
    """Convert and check the ``:sort:`` option."""
    return directives.choice(argument, ("name", "none"))


OPTION_CONVERTERS: dict[str, Callable[[str | None], Any]] = {
    "sort": sort_option,
    "logos": directives.unchanged_required,
    "class": directives.class_option,
}


def svg_size(path: Path) -> tuple[int, int] | None:
    """The intrinsic size of an SVG file, from its root's width/height or viewBox.

    imagesize reads only width/height, with a regex that can match a child element.
    """
    try:
        with path.open("rb") as stream:
            _event, root = next(ElementTree.iterparse(stream, events=("start",)))
    except (ElementTree.ParseError, OSError, StopIteration):
        return None
    if root.tag != SVG_TAG:
        return None
    width = SVG_LENGTH.fullmatch(root.get("width", ""))
    height = SVG_LENGTH.fullmatch(root.get("height", ""))
    if width and height:
        size = float(width[1]), float(height[1])
    else:
        try:
            _x, _y, *size = map(float, root.get("viewBox", "").replace(",", " ").split())
        except ValueError:
            return None
        if len(size) != 2:
            return None
    if min(size) <= 0:
        return None
    return max(1, round(size[0])), max(1, round(size[1]))


def logo_size(path: Path) -> tuple[int, int] | None:
    """The intrinsic size of an SVG, PNG or WebP file, or None if it cannot be read."""
    if path.suffix.lower() == ".svg":
        return svg_size(path)
    size = get_image_size(path)
    return size if size and min(size) > 0 else None


def construct(node: yaml.Node) -> Any:
    """The Python value of a YAML node, built by the safe loader's rules."""
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def read_entry(
    entry: yaml.MappingNode, problems: list[tuple[str, int]]
) -> dict[str, tuple[Any, int]]:
    """The values of a member entry, as {key: (value, line)}; mistakes go to *problems*."""
    values: dict[str, tuple[Any, int]] = {}
    for key_node, value_node in entry.value:
        line = key_node.start_mark.line
        try:
            key = construct(key_node)
        except (yaml.YAMLError, ValueError, TypeError) as err:
            problems.append((f"unreadable key: {getattr(err, 'problem', None) or err}", line))
            continue
        if key not in ALLOWED_KEYS:
            problems.append((f"unknown key {key!r} (allowed: {', '.join(ALLOWED_KEYS)})", line))
        elif key in values:
            problems.append((f"duplicate key {key!r}", line))
        else:
            try:
                values[key] = construct(value_node), line
            except (yaml.YAMLError, ValueError, TypeError) as err:
                reason = getattr(err, "problem", None) or err
                problems.append((f"unreadable value of {key!r}: {reason}", line))
                values[key] = UNREADABLE, line
    return values


def is_web_url(url: str) -> bool:
    """Whether *url* is an absolute http(s) URL with none of the characters URLs forbid."""
    if any(char.isspace() or not char.isprintable() or char in URL_FORBIDDEN for char in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


class MemberLogosDirective(SphinxDirective):
    """Render members listed in YAML (a file or the body) as a grid of linked logos."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar = text_options(*OPTION_CONVERTERS)

    def run(self) -> list[nodes.Node]:
        self.options = self.checked_options()
        data = self.read_data()
        if data is None:
            return []
        text, locate, data_dir = data
        logos_dir = data_dir
        if "logos" in self.options:
            logos_dir, _ = self.env.relfn2path(self.options["logos"])
        root = self.compose(text, locate)
        if root is None:
            return []
        members = []
        for entry in root.value:
            member_node = self.read_member(entry, locate, logos_dir)
            if member_node is not None:
                members.append(member_node)
        if not members:
            return []
        if self.options.get("sort", "name") == "name":
            members.sort(key=lambda node: node["name"].casefold())
        grid = alliance_member_logos(
            "", *members, classes=["sa-member-logos", *self.options.get("class", [])]
        )
        self.set_source_info(grid)
        return [grid]

    def checked_options(self) -> dict[str, Any]:
        """The options converted; an unknown or invalid one warns and is ignored."""
        if unknown := unknown_options(self.options, self.option_spec):
            _warn(f"member-logos: {unknown}", self.get_location())
        checked = {}
        for key, convert in OPTION_CONVERTERS.items():
            if key in self.options:
                try:
                    checked[key] = convert(self.options[key])
                except ValueError as error:
                    _warn(
                        f"member-logos :{key}: {self.options[key]!r} ignored: {error}",
                        self.get_location(),
                    )
        return checked

    def read_data(self) -> tuple[str, Callable[[int], str], str] | None:
        """The YAML text, a map from its line numbers to locations, and its folder."""
        if not self.arguments:
            if not self.content:
                _warn(
                    "member-logos: give a data file, or the data as the directive's body",
                    self.get_location(),
                )
                return None
            doc_dir, _ = self.env.relfn2path(".")
            return "\n".join(self.content), self.locate_in_body, doc_dir
        if self.content:
            _warn(
                "member-logos: both a data file and a body were given; the body is ignored",
                self.get_location(),
            )
        rel, path = self.env.relfn2path(self.arguments[0])
        self.env.note_dependency(rel)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            reason = getattr(err, "strerror", None) or err
            _warn(f"member-logos: cannot read data file {rel!r}: {reason}", self.get_location())
            return None
        return text, lambda line: f"{path}:{line + 1}", posixpath.dirname(rel)

    def locate_in_body(self, index: int) -> str:
        """The location ("path:line") of line *index* of the directive's body."""
        source, offset = self.content.info(min(index, len(self.content) - 1))
        if offset < self.lineno:  # MyST counts from the directive's line, docutils from the top
            source, offset = self.get_source_info()[0], self.lineno + self.content_offset + index
        return f"{source}:{offset + 1}"

    def compose(self, text: str, locate: Callable[[int], str]) -> yaml.SequenceNode | None:
        """Parse the YAML into a node tree that keeps line numbers; None after a warning."""
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
            problem = getattr(err, "problem", None) or str(err)
            _warn(f"member-logos: invalid YAML: {problem}", locate(mark.line if mark else 0))
            return None
        if not isinstance(root, yaml.SequenceNode):
            line = root.start_mark.line if root is not None else 0
            _warn("member-logos: the data must be a list of members (- name: ...)", locate(line))
            return None
        return root

    def read_member(
        self, entry: yaml.Node, locate: Callable[[int], str], logos_dir: str
    ) -> alliance_member | None:
        """The node for one YAML entry, None for an inactive or invalid (warned) one."""
        if not isinstance(entry, yaml.MappingNode):
            _warn(
                "member-logos: a member must be a mapping (name: ..., logo: ...); entry left out",
                locate(entry.start_mark.line),
            )
            return None
        problems: list[tuple[str, int]] = []
        values = read_entry(entry, problems)

        def text(key: str, *, required: bool = False) -> str | None:
            if key not in values:
                if required:
                    problems.append((f"missing {key!r}", entry.start_mark.line))
                return None
            value, line = values[key]
            if value is UNREADABLE:
                return None
            if not isinstance(value, str) or not value.strip():
                problems.append((f"{key!r} must be a non-empty string, not {value!r}", line))
                return None
            return value

        name = text("name", required=True)
        label = f"member {name!r}: " if name else ""
        homepage = text("homepage")
        if homepage is not None and not is_web_url(homepage):
            problems.append(
                (f"homepage {homepage!r} is not a valid http or https URL", values["homepage"][1])
            )
        active, line = values.get("active", (True, 0))
        if active is not UNREADABLE and not isinstance(active, bool):
            problems.append((f"'active' must be true or false, not {active!r}", line))
        logos = []
        for key in ("logo", "logo_dark"):
            logo = text(key, required=key == "logo")
            # The logo files of an inactive member may be gone.
            if logo is not None and active is not False:
                logos.append(self.logo(logo, logos_dir, name or "", problems, values[key][1]))
        for problem, line in problems:
            _warn(f"member-logos: {label}{problem}; entry left out", locate(line))
        if problems or active is False:
            return None
        if len(logos) == 2:
            logos[0]["classes"].append("only-light")
            logos[1]["classes"].append("only-dark")
        content = [nodes.reference("", "", *logos, refuri=homepage)] if homepage else logos
        return alliance_member("", "", *content, classes=["sa-member"], name=name)

    def logo(
        self, logo: str, logos_dir: str, name: str, problems: list[tuple[str, int]], line: int
    ) -> alliance_member_logo:
        """The image node for a logo file; files that do not fit are added to *problems*."""
        if not logo.startswith("/"):
            logo = "/" + posixpath.join(logos_dir, logo)
        rel, path = self.env.relfn2path(logo)
        node = alliance_member_logo("", uri=f"/{rel}", alt=name, classes=["sa-member-logo"])
        self.set_source_info(node)
        if not rel.lower().endswith(LOGO_SUFFIXES):
            problems.append((f"logo {rel!r} must be an SVG, PNG or WebP file", line))
        elif not Path(path).is_file():
            # A dependency that does not exist makes Sphinx re-read the page until it does.
            self.env.note_dependency(rel)
            problems.append((f"logo file {rel!r} not found", line))
        else:
            node["size"] = logo_size(Path(path))
            if node["size"] is None:
                needs = (
                    "an SVG needs the SVG namespace and a viewBox (or width and height)"
                    if rel.lower().endswith(".svg")
                    else "is the file damaged?"
                )
                problems.append((f"cannot read the size of logo {rel!r}: {needs}", line))
        return node


def list_names_for_other_builders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """For builders other than HTML: replace each grid by a bullet list of linked names."""
    if app.builder.format == "html":
        return
    for grid in list(doctree.findall(alliance_member_logos)):
        items = []
        for node in grid.findall(alliance_member):
            name: nodes.Node = nodes.Text(node["name"])
            reference = next(node.findall(nodes.reference), None)
            if reference is not None:
                name = nodes.reference("", "", name, refuri=reference["refuri"])
            items.append(nodes.list_item("", nodes.paragraph("", "", name)))
        grid.replace_self(nodes.bullet_list("", *items, bullet="-", classes=list(grid["classes"])))


def visit_member_logos(self: SphinxTranslator, node: alliance_member_logos) -> None:
    # role="list": Safari drops the list semantics of a list without bullets.
    self.body.append(self.starttag(node, "ul", role="list"))


def depart_member_logos(self: SphinxTranslator, node: alliance_member_logos) -> None:
    self.body.append("</ul>\n")


def visit_member(self: SphinxTranslator, node: alliance_member) -> None:
    self.body.append(self.starttag(node, "li", ""))


def depart_member(self: SphinxTranslator, node: alliance_member) -> None:
    self.body.append("</li>\n")


def visit_member_logo(self: SphinxTranslator, node: alliance_member_logo) -> None:
    uri = node["uri"]
    if uri in self.builder.images:
        uri = posixpath.join(self.builder.imgpath, quote(self.builder.images[uri]))
    width, height = node["size"]
    self.body.append(
        self.emptytag(
            node,
            "img",
            "",
            src=uri,
            alt=node["alt"],
            width=width,
            height=height,
            loading="lazy",
            decoding="async",
        )
    )
    raise nodes.SkipNode


def setup_member_logos(app: Sphinx) -> None:
    """Register the ``member-logos`` directive and its nodes."""
    app.add_node(alliance_member_logos, html=(visit_member_logos, depart_member_logos))
    app.add_node(alliance_member, html=(visit_member, depart_member))
    app.add_node(alliance_member_logo, html=(visit_member_logo, None))
    app.add_directive("member-logos", MemberLogosDirective)
    app.connect("doctree-resolved", list_names_for_other_builders)
    add_assets_where_used(app, alliance_member_logos, css=["sphinx-alliance-member-logos.css"])
