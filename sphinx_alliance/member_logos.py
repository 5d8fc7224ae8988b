"""The ``member-logos`` directive: a grid of linked logos from YAML data.

Where it runs in a build, in order:

1. ``config-inited``: ``check_embed_limit`` (500, before Sphinx's own type check at 800).
2. ``builder-inited``: ``embed_in_data_uri_builders`` adds the post-transform
   ``EmbedSmallLogos`` (100) for builders that take data: URIs.
3. Reading a document: ``MemberLogosDirective`` reads the YAML (a file, noted as a
   dependency, or its body), checks each entry (``MemberEntry``, pure), reads the logo
   files and builds the nodes.
4. Writing a page: ``EmbedSmallLogos`` (100); ``doctree-resolved``
   (``replace_member_logos_for_other_builders``); the HTML visitors;
   ``html-page-context``: the grid's CSS where used (``assets``), before page assets (900).
"""

from __future__ import annotations

import base64
import errno
import math
import os
import posixpath
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, NamedTuple, cast
from urllib.parse import quote
from xml.etree import ElementTree

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StateMachine
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.images import get_image_size, guess_mimetype
from sphinx.util.typing import OptionSpec

from ._shared import (
    CANNOT_HOLD,
    EXCERPT_LENGTH,
    MEMBER_LOGOS_CSS,
    code_points,
    conf_py,
    excerpt,
    is_web_url,
    join_surrogate_pairs,
    unwritable_chars,
    warn,
)
from .assets import add_assets_where_used
from .options import TextOptions, option_location, text_options, unknown_options

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

ALLOWED_KEYS = ("name", "logo", "homepage", "active", "logo_dark")
LOGO_KEYS = ("logo", "logo_dark")  # the light (or only) logo, the dark one
LOGO_SUFFIXES = (".svg", ".png", ".webp")
SVG_TAG = "{http://www.w3.org/2000/svg}svg"  # without the namespace, a browser shows nothing
STR_TAG = "tag:yaml.org,2002:str"
BOOL_TAG = "tag:yaml.org,2002:bool"
NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
SVG_LENGTH = re.compile(rf"\s*({NUMBER})\s*(?:px)?\s*")
SVG_VIEWBOX = re.compile(rf"\s*{NUMBER}(?:[\s,]+{NUMBER}){{3}}\s*")
MAX_DATA_BYTES = 2**20
MAX_LOGO_BYTES = 5 * 2**20
SVG_HEAD_BYTES = 2**16  # the root element of a real logo starts well within this
MAX_DEPTH = 20  # member data needs 3 levels; PyYAML's composer recurses once per level
# Kept as they are in an SVG data: URI: URL code points that a double-quoted HTML attribute
# holds as they are. Everything else is percent-encoded: '#' would start a fragment, '%' an
# escape; '"', '<', '>', '&' and spaces would need escaping or are not allowed in a URL.
SVG_URI_SAFE = "/:;,=()!*'~@$+-._"
# What a file named after each suffix must hold; other contents that a logo may turn out to be.
FORMAT_OF_SUFFIX = {".svg": "an SVG image", ".png": "a PNG image", ".webp": "a WebP image"}
SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF-", "a PDF document"),
]
XML_SPACE = " \t\r\n"


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


def sort_option(argument: str) -> str:
    """Convert and check the ``:sort:`` option."""
    return directives.choice(argument, ("name", "none"))


OPTION_CONVERTERS: OptionSpec = {
    "sort": sort_option,
    "logos": directives.unchanged_required,
    "class": directives.class_option,
}


def open_regular_file(path: str, limit: int) -> BinaryIO:
    """Open *path* for reading if it is a regular file of at most *limit* bytes.

    Otherwise raise OSError with the reason: a FIFO or a device is never read from.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opening a FIFO must not wait
    status = os.fstat(fd)
    if stat.S_ISREG(status.st_mode) and status.st_size <= limit:
        return os.fdopen(fd, "rb")
    os.close(fd)
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
    if not stat.S_ISREG(status.st_mode):
        raise OSError(errno.EINVAL, "not a regular file")
    raise OSError(errno.EFBIG, f"larger than {limit // 2**20} MiB")


def svg_size(stream: BinaryIO) -> tuple[int, int] | None:
    """The intrinsic size of an SVG, from its root's width/height or viewBox.

    imagesize reads only width/height, with a regex that can match a child element. Only
    the file's head is parsed: expat takes time quadratic in a tag fed to it in pieces.
    """
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(
        events=("start",)
    )
    parser.feed(stream.read(SVG_HEAD_BYTES))
    try:
        # a "start" event comes with its element
        _event, root = cast(tuple[str, ElementTree.Element], next(parser.read_events()))
    except (ElementTree.ParseError, StopIteration):
        return None
    if root.tag != SVG_TAG:
        return None
    width = SVG_LENGTH.fullmatch(root.get("width", ""))
    height = SVG_LENGTH.fullmatch(root.get("height", ""))
    viewbox = root.get("viewBox", "")
    if width and height:
        size = float(width[1]), float(height[1])
    elif SVG_VIEWBOX.fullmatch(viewbox):
        _x, _y, view_width, view_height = map(float, re.split(r"[\s,]+", viewbox.strip()))
        size = view_width, view_height
    else:
        return None
    if not all(math.isfinite(length) and length > 0 for length in size):
        return None
    return max(1, round(size[0])), max(1, round(size[1]))


def _prolog_item_end(text: str, position: int) -> int | None:
    """Where the XML declaration, processing instruction, comment or doctype at *position*
    ends (at most *position* when it is not closed), None when none starts there."""
    if text.startswith("<?", position):
        return text.find("?>", position + 2) + 2
    if text.startswith("<!--", position):
        return text.find("-->", position + 4) + 3
    if text[position : position + 9].upper() != "<!DOCTYPE":
        return None
    close = text.find(">", position)
    subset = text.find("[", position, close)
    if subset != -1:
        close = text.find(">", text.find("]", subset))
    return close + 1 if close != -1 else 1


def xml_root(text: str) -> str | None:
    """The root element's name if *text* starts as an XML document, else None.

    Skips what may come first: white space, the XML declaration and processing
    instructions, comments, a doctype with its internal subset. No regex: a long run
    of comments must not make it backtrack.
    """
    position = 0
    while True:
        while position < len(text) and text[position] in XML_SPACE:
            position += 1
        end = _prolog_item_end(text, position)
        if end is None:
            break
        if end <= position:  # not closed within the text
            return None
        position = end
    root = re.compile(r"<([^\s/>!?]+)").match(text, position)
    return root[1] if root else None


def _binary_format(head: bytes) -> str | None:
    """The image or document format whose signature *head* starts with, if any."""
    for signature, described in SIGNATURES:
        if head.startswith(signature):
            return described
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    return None


def _decoded(head: bytes) -> str:
    """*head* as text, in the encoding its byte order mark names (UTF-8 without one)."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, "replace")
    return head.decode("utf-8", "replace")


def _xml_format(root: str, text: str) -> str:
    """What an XML document with the root element *root* is, as a warning names it."""
    name = root.rpartition(":")[2]  # <svg:svg xmlns:svg="..."> is an SVG too
    if name == "svg":
        return "an SVG image"
    if name.lower() == "html" or re.match(r"\s*<!doctype\s+html", text, re.I):
        return "HTML"
    return f"XML whose root is <{excerpt(root)}>"


def content_format(head: bytes) -> str:
    """What the bytes at the start of a file look like, as a warning names it."""
    if (described := _binary_format(head)) is not None:
        return described
    if not head.strip():
        return "nothing (an empty file)" if not head else "white space only"
    text = _decoded(head)
    if (root := xml_root(text)) is not None:
        return _xml_format(root, text)
    # the head may end inside a character
    if "\x00" not in text and "\ufffd" not in text[:-1]:
        return "text"
    return "data in no image format known here"


def logo_size(path: str) -> tuple[int, int] | None:
    """The intrinsic size of an SVG, PNG or WebP file, or None if it cannot be read.

    Raises OSError if *path* is not a regular file of at most MAX_LOGO_BYTES.
    """
    with open_regular_file(path, MAX_LOGO_BYTES) as stream:
        if path.lower().endswith(".svg"):
            return svg_size(stream)
    size = get_image_size(path)
    return size if size and min(size) > 0 else None


def resolve_file_name(env: BuildEnvironment, filename: str) -> tuple[str, str]:
    """``env.relfn2path``: *filename* relative to the source folder, and its absolute
    path; raises OSError for a path the OS refuses."""
    try:
        rel, path = env.relfn2path(filename)
    except ValueError as err:  # a NUL byte, or a lone surrogate no file name can hold
        raise OSError(errno.EINVAL, "the path has a character no file name can hold") from err
    except RuntimeError as err:  # Python 3.11's Path.resolve on a symlink loop
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP)) from err
    try:
        os.stat(path)
    except OSError as err:  # from Python 3.13, Path.resolve leaves a loop unresolved
        if err.errno == errno.ELOOP:
            raise
    return rel, path


def yaml_source(node: yaml.Node) -> str:
    """A YAML node's source text, shortened and escaped, for a warning.

    Never the constructed value: its repr may be refused (a huge integer) or explode
    (an alias chain).
    """
    start, end = node.start_mark, node.end_mark
    # Composed from a str (not a stream), so every mark holds the whole text.
    end_index = min(end.index, start.index + EXCERPT_LENGTH + 1)
    text = cast(str, start.buffer)[start.index : end_index]
    return repr(excerpt(text))[1:-1] or "an empty value"


def text_value(node: yaml.Node) -> str | None:
    """The string a YAML node holds, or None if it holds anything else."""
    if isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG:
        return cast(str, node.value)
    return None


@dataclass
class MemberEntry:
    """One entry of the member data, checked: its values, and each problem with its line.

    Pure: the logo files are the directive's to read.
    """

    line: int  # where the entry starts
    values: dict[str, tuple[yaml.Node, int]] = field(default_factory=dict)  # key: (node, line)
    problems: list[tuple[str, int]] = field(default_factory=list)
    name: str | None = None
    homepage: str | None = None
    active: bool = True
    logos: list[tuple[str, int]] = field(default_factory=list)  # (logo, line): light, dark

    @classmethod
    def check(cls, entry: yaml.MappingNode) -> MemberEntry:
        """The entry's values, checked."""
        member = cls(entry.start_mark.line)
        member.read_keys(entry)
        member.name = member.text("name", required=True)
        member.homepage = member.web_url("homepage")
        member.active = member.flag("active", default=True)
        for key in LOGO_KEYS:
            logo = member.text(key, required=key == "logo")
            if logo is not None:
                member.logos.append((logo, member.values[key][1]))
        return member

    @property
    def label(self) -> str:
        """How a warning names the member: ``member 'Name': `` ('' without a name)."""
        return f"member {excerpt(self.name)!r}: " if self.name else ""

    def read_keys(self, entry: yaml.MappingNode) -> None:
        """Note the value node of each allowed key, once."""
        for key_node, value_node in entry.value:
            line = key_node.start_mark.line
            key = text_value(key_node)
            if key not in ALLOWED_KEYS:
                shown = repr(excerpt(key)) if key is not None else yaml_source(key_node)
                self.problem(f"unknown key {shown} (allowed: {', '.join(ALLOWED_KEYS)})", line)
            elif key in self.values:
                self.problem(f"duplicate key {key!r}", line)
            else:
                self.values[key] = value_node, line

    def problem(self, message: str, line: int) -> None:
        self.problems.append((message, line))

    def text(self, key: str, *, required: bool = False) -> str | None:
        """The value of *key* if it is text that a page can hold."""
        if key not in self.values:
            if required:
                self.problem(f"missing {key!r}", self.line)
            return None
        node, line = self.values[key]
        value = text_value(node)
        if value is None or not value.strip():
            self.problem(f"{key!r} must be a non-empty string, not {yaml_source(node)}", line)
            return None
        if unwritable := unwritable_chars(value):
            shown = code_points(unwritable[:1])
            self.problem(f"{key!r} contains {shown}, which {CANNOT_HOLD}", line)
            return None
        # JSON writes a character beyond U+FFFF as two escaped UTF-16 surrogates.
        return join_surrogate_pairs(value)

    def web_url(self, key: str) -> str | None:
        """The value of *key* if it is an http(s) URL."""
        url = self.text(key)
        if url is not None and not is_web_url(url):
            line = self.values[key][1]
            self.problem(f"{key} {excerpt(url)!r} is not a valid http or https URL", line)
        return url

    def flag(self, key: str, *, default: bool) -> bool:
        """The value of *key* if it is YAML's true or false."""
        if key not in self.values:
            return default
        node, line = self.values[key]
        if isinstance(node, yaml.ScalarNode) and node.tag == BOOL_TAG:
            return bool(yaml.constructor.SafeConstructor().construct_yaml_bool(node))
        self.problem(f"{key!r} must be true or false, not {yaml_source(node)}", line)
        return default


class DataLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing data nested deeper than MAX_DEPTH levels.

    PyYAML's composer recurses once per level: deeper data would raise RecursionError.
    """

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.depth == MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None,
                None,
                f"nested more than {MAX_DEPTH} levels deep",
                # types-PyYAML leaves peek_event unannotated
                self.peek_event().start_mark,  # type: ignore[no-untyped-call]
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def reason_of(error: Exception) -> object:
    """What a warning says of *error*: an OSError's reason without its number and path."""
    return getattr(error, "strerror", None) or error


class MemberData(NamedTuple):
    """The member data of a directive, as read."""

    text: str  # YAML
    locate: Callable[[int], str]  # the location ("path:line") of a line of the text
    folder: str  # the data's folder, relative to the source folder


class LogoError(Exception):
    """Why a member's logo cannot be shown."""


def check_logo_name(rel: str) -> None:
    """Raise :class:`LogoError` unless the file *rel* is named as a logo format."""
    if not rel.lower().endswith(LOGO_SUFFIXES):
        msg = f"logo {excerpt(rel)!r} must be an SVG, PNG or WebP file"
        raise LogoError(msg)


def check_logo_content(rel: str, found: str, size: tuple[int, int] | None) -> tuple[int, int]:
    """The size of the logo *rel* holding *found* (``content_format``), else LogoError."""
    named = FORMAT_OF_SUFFIX[posixpath.splitext(rel.lower())[1]]
    if found != named:
        # A browser shows nothing, whether the file is linked or embedded.
        msg = f"logo {excerpt(rel)!r} holds {found}, not {named} as its name says"
        raise LogoError(msg)
    if size is None:
        needs = (
            "an SVG needs the SVG namespace and a viewBox (or width and height) "
            "of finite, positive numbers"
            if rel.lower().endswith(".svg")
            else "is the file damaged?"
        )
        msg = f"cannot read the size of logo {excerpt(rel)!r}: {needs}"
        raise LogoError(msg)
    return size


class MemberLogosDirective(SphinxDirective):
    """Render members listed in YAML (a file or the body) as a grid of linked logos."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[TextOptions] = text_options(*OPTION_CONVERTERS)

    def run(self) -> list[nodes.Node]:
        self.options = self.checked_options()
        data = self.read_data()
        if data is None:
            return []
        logos_dir = self.options.get("logos", data.folder)
        root = self.compose(data.text, data.locate)
        if root is None:
            return []
        members = []
        for entry in root.value:
            member_node = self.member_node(entry, data.locate, logos_dir)
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

    def warn(self, message: str, *options: str) -> None:
        """Warn at the line of the first of *options*, else at the directive's line."""
        warn("member-logos", f"member-logos{message}", option_location(self, *options))

    def checked_options(self) -> dict[str, Any]:
        """The options converted; an unknown or invalid one warns and is ignored."""
        if unknown := unknown_options(self.options, self.option_spec):
            self.warn(f": {unknown}", *set(self.options) - set(self.option_spec))
        checked = {}
        for key, convert in OPTION_CONVERTERS.items():
            if key in self.options:
                try:
                    checked[key] = convert(self.options[key])
                    if key == "logos":
                        checked[key] = resolve_file_name(self.env, checked[key])[0]
                except (ValueError, OSError) as error:
                    value = excerpt(self.options[key])
                    self.warn(f" :{key}: {value!r} ignored: {reason_of(error)}", key)
        return checked

    def read_data(self) -> MemberData | None:
        """The YAML text, a map from its line numbers to locations, and its folder."""
        if self.arguments:
            if self.content:
                self.warn(": both a data file and a body were given; the body is ignored")
            return self.read_data_file(self.arguments[0])
        if not self.content:
            self.warn(": give a data file, or the data as the directive's body")
            return None
        doc_dir, _ = self.env.relfn2path(".")
        return MemberData("\n".join(self.content), self.locate_in_body, doc_dir)

    def read_data_file(self, rel: str) -> MemberData | None:
        """The member data in the file *rel*; None after a warning."""
        try:
            rel, path = resolve_file_name(self.env, rel)
            self.env.note_dependency(rel)
            with open_regular_file(path, MAX_DATA_BYTES) as stream:
                text = stream.read().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.warn(f": cannot read data file {excerpt(rel)!r}: {reason_of(error)}")
            return None
        return MemberData(text, lambda line: f"{path}:{line + 1}", posixpath.dirname(rel))

    def locate_in_body(self, index: int) -> str:
        """The location ("path:line") of line *index* of the directive's body."""
        index = min(index, len(self.content) - 1)  # a YAML error may point past the end
        if isinstance(self.state_machine, StateMachine):
            # docutils: each line knows its file (maybe an included one) and its offset.
            # The index is in range, where info() is items[index], never a None offset.
            path, offset = self.content.items[index]
        else:
            # MyST: the body's first line is content_offset lines after the opening line.
            # types-docutils: state_machine is an RSTStateMachine; MyST passes its mock.
            path = self.get_source_info()[0]  # type: ignore[unreachable]
            offset = self.lineno + self.content_offset + index
        return f"{path}:{offset + 1}"

    def compose(self, text: str, locate: Callable[[int], str]) -> yaml.SequenceNode | None:
        """Parse the YAML into a node tree that keeps line numbers; None after a warning."""
        try:
            root = yaml.compose(text, Loader=DataLoader)
        except yaml.reader.ReaderError as err:
            line = text.count("\n", 0, err.position)
            problem = f"unacceptable character #x{err.character:04x}: {err.reason}"
            warn("member-logos", f"member-logos: invalid YAML: {problem}", locate(line))
            return None
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
            problem = getattr(err, "problem", None) or str(err)
            warn(
                "member-logos",
                f"member-logos: invalid YAML: {problem}",
                locate(mark.line if mark else 0),
            )
            return None
        if not isinstance(root, yaml.SequenceNode):
            line = root.start_mark.line if root is not None else 0
            warn(
                "member-logos",
                "member-logos: the data must be a list of members (- name: ...)",
                locate(line),
            )
            return None
        return root

    def member_node(
        self, entry: yaml.Node, locate: Callable[[int], str], logos_dir: str
    ) -> alliance_member | None:
        """The node for one YAML entry, None for an inactive or invalid (warned) one."""
        if not isinstance(entry, yaml.MappingNode):
            warn(
                "member-logos",
                "member-logos: a member must be a mapping (name: ..., logo: ...); entry left out",
                locate(entry.start_mark.line),
            )
            return None
        member = MemberEntry.check(entry)
        # The logo files of an inactive member may be gone.
        logos = self.logo_nodes(member, logos_dir) if member.active else []
        for problem, line in member.problems:
            warn(
                "member-logos",
                f"member-logos: {member.label}{problem}; entry left out",
                locate(line),
            )
        if member.problems or not member.active:
            return None
        if len(logos) == 2:
            logos[0]["classes"].append("only-light")
            logos[1]["classes"].append("only-dark")
        content: list[nodes.Element] = list(logos)
        if member.homepage:
            content = [nodes.reference("", "", *logos, refuri=member.homepage)]
        return alliance_member("", "", *content, classes=["sa-member"], name=member.name)

    def logo_nodes(self, member: MemberEntry, logos_dir: str) -> list[alliance_member_logo]:
        """The image nodes of the member's logos; a file that does not fit is a problem."""
        logos = []
        for logo, line in member.logos:
            try:
                logos.append(self.logo_node(logo, logos_dir, member.name or ""))
            except LogoError as error:
                member.problem(str(error), line)
        return logos

    def logo_node(self, logo: str, logos_dir: str, name: str) -> alliance_member_logo:
        """The image node for the logo file *logo*, else :class:`LogoError`."""
        if not logo.startswith("/"):
            logo = "/" + posixpath.join(logos_dir, logo)
        try:
            rel, path = resolve_file_name(self.env, logo)
        except OSError as err:
            msg = f"cannot read logo file {excerpt(logo[1:])!r}: {err.strerror}"
            raise LogoError(msg) from None
        check_logo_name(rel)
        try:
            with open_regular_file(path, MAX_LOGO_BYTES) as stream:
                found = content_format(stream.read(SVG_HEAD_BYTES))
            size = logo_size(path)
        except OSError as err:
            # A dependency that is not a file makes Sphinx re-read the page until it is one.
            self.env.note_dependency(rel)
            if isinstance(err, FileNotFoundError):
                msg = f"logo file {excerpt(rel)!r} not found"
            else:
                msg = f"cannot read logo file {excerpt(rel)!r}: {err.strerror}"
            raise LogoError(msg) from None
        node = alliance_member_logo(
            "",
            uri=f"/{rel}",
            alt=name,
            classes=["sa-member-logo"],
            size=check_logo_content(rel, found, size),
        )
        self.set_source_info(node)
        return node


def replace_member_logos_for_other_builders(
    app: Sphinx, doctree: nodes.document, docname: str
) -> None:
    """For builders other than HTML: each grid becomes a bullet list of linked names.

    At ``doctree-resolved``, after every post-transform.
    """
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


def visit_member_logos(self: HTML5Translator, node: alliance_member_logos) -> None:
    # role="list": Safari drops the list semantics of a list without bullets.
    self.body.append(self.starttag(node, "ul", role="list"))


def depart_member_logos(self: HTML5Translator, node: alliance_member_logos) -> None:
    self.body.append("</ul>\n")


def visit_member(self: HTML5Translator, node: alliance_member) -> None:
    self.body.append(self.starttag(node, "li", ""))


def depart_member(self: HTML5Translator, node: alliance_member) -> None:
    self.body.append("</li>\n")


def visit_member_logo(self: HTML5Translator, node: alliance_member_logo) -> None:
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


def data_uri(path: str, limit: int) -> str | None:
    """The file *path* as a data: URI if it has at most *limit* bytes and can be read."""
    try:
        with open_regular_file(path, limit) as stream:
            data = stream.read()
    except OSError:
        return None
    mimetype = guess_mimetype(path)
    if mimetype == "image/svg+xml":
        # Percent-encoded, the text compresses better than base64 (by 4% on this site's
        # landing page, gzipped).
        return f"data:{mimetype},{quote(data, safe=SVG_URI_SAFE)}"
    return f"data:{mimetype};base64,{base64.b64encode(data).decode('ascii')}"


class EmbedSmallLogos(SphinxPostTransform):
    """Write logos of at most ``alliance_member_logos_embed_limit`` bytes as data: URIs.

    The candidate "?" marks a URI as not local, as Sphinx's ImageCollector does for data:
    URIs: the builder then neither rewrites it nor copies the file.
    """

    default_priority = 100

    def run(self, **kwargs: Any) -> None:
        limit = self.config.alliance_member_logos_embed_limit
        for node in self.document.findall(alliance_member_logo):
            uri = data_uri(str(self.env.srcdir / node["uri"]), limit)
            if uri is not None:
                node["uri"] = uri
                node["candidates"] = {"?": uri}


def check_embed_limit(app: Sphinx, config: Config) -> None:
    """Warn about an ``alliance_member_logos_embed_limit`` that is not an int >= 0; use 0."""
    limit = config.alliance_member_logos_embed_limit
    if type(limit) is not int or limit < 0:
        # No location: Sphinx reads a location without a line as a document name.
        warn(
            "member-logos",
            "alliance_member_logos_embed_limit must be a number of bytes (an int >= 0), "
            f"not {excerpt(repr(limit))}; logos are not embedded (in {conf_py(app)})",
        )
        config.alliance_member_logos_embed_limit = 0


def embed_in_data_uri_builders(app: Sphinx) -> None:
    """Embed small logos in the builders whose output takes data: URIs, if asked to."""
    if app.config.alliance_member_logos_embed_limit and app.builder.supported_data_uri_images:
        app.add_post_transform(EmbedSmallLogos)


def setup_member_logos(app: Sphinx) -> None:
    """Register the ``member-logos`` directive and its nodes."""
    app.add_node(alliance_member_logos, html=(visit_member_logos, depart_member_logos))
    app.add_node(alliance_member, html=(visit_member, depart_member))
    app.add_node(alliance_member_logo, html=(visit_member_logo, None))
    app.add_directive("member-logos", MemberLogosDirective)
    app.add_config_value("alliance_member_logos_embed_limit", 0, "html", types=frozenset({int}))
    # Before Sphinx's own type check (priority 800), which would warn a second time.
    app.connect("config-inited", check_embed_limit)
    app.connect("builder-inited", embed_in_data_uri_builders)
    app.connect("doctree-resolved", replace_member_logos_for_other_builders)
    add_assets_where_used(app, alliance_member_logos, css=[MEMBER_LOGOS_CSS])
