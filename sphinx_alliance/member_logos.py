"""The ``member-logos`` directive: a grid of linked logos from YAML data."""

from __future__ import annotations

import base64
import errno
import math
import os
import posixpath
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, cast
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StateMachine
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.images import get_image_size, guess_mimetype
from sphinx.util.typing import OptionSpec

from .assets import add_assets_where_used
from .options import TextOptions, text_options, unknown_options

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

ALLOWED_KEYS = ("name", "logo", "homepage", "active", "logo_dark")
LOGO_SUFFIXES = (".svg", ".png", ".webp")
URL_FORBIDDEN = frozenset('"<>\\^`{|}')  # never allowed unescaped in a URL
SVG_TAG = "{http://www.w3.org/2000/svg}svg"  # without the namespace, a browser shows nothing
STR_TAG = "tag:yaml.org,2002:str"
BOOL_TAG = "tag:yaml.org,2002:bool"
NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
SVG_LENGTH = re.compile(rf"\s*({NUMBER})\s*(?:px)?\s*")
SVG_VIEWBOX = re.compile(rf"\s*{NUMBER}(?:[\s,]+{NUMBER}){{3}}\s*")
# Code points that XML 1.0 forbids (controls, lone surrogates, U+FFFE, U+FFFF): an epub
# page holding one does not parse, and some writers fail on a lone surrogate.
NOT_XML_CHAR = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_DATA_BYTES = 2**20
MAX_LOGO_BYTES = 5 * 2**20
SVG_HEAD_BYTES = 2**16  # the root element of a real logo starts well within this
MAX_DEPTH = 20  # member data needs 3 levels; PyYAML's composer recurses once per level
SHOWN = 60  # the most characters of a value that a warning quotes
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


def _warn(message: str, location: str) -> None:
    logger.warning(message, location=location, type="alliance", subtype="member-logos")


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
        if text.startswith("<?", position):
            end = text.find("?>", position + 2) + 2
        elif text.startswith("<!--", position):
            end = text.find("-->", position + 4) + 3
        elif text[position : position + 9].upper() == "<!DOCTYPE":
            close = text.find(">", position)
            subset = text.find("[", position, close)
            if subset != -1:
                close = text.find(">", text.find("]", subset))
            end = close + 1 if close != -1 else 1
        else:
            break
        if end <= position:  # not closed within the text
            return None
        position = end
    root = re.compile(r"<([^\s/>!?]+)").match(text, position)
    return root[1] if root else None


def content_format(head: bytes) -> str:
    """What the bytes at the start of a file look like, as a warning names it."""
    for signature, described in SIGNATURES:
        if head.startswith(signature):
            return described
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    if not head.strip():
        return "nothing (an empty file)" if not head else "white space only"
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            text = head[len(bom) :].decode(encoding, "replace")
            break
    else:
        text = head.decode("utf-8", "replace")
    if (root := xml_root(text)) is not None:
        name = root.rpartition(":")[2]  # <svg:svg xmlns:svg="..."> is an SVG too
        if name == "svg":
            return "an SVG image"
        if name.lower() == "html" or re.match(r"\s*<!doctype\s+html", text, re.I):
            return "HTML"
        return f"XML whose root is <{cut(root)}>"
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


def relfn2path(env: BuildEnvironment, filename: str) -> tuple[str, str]:
    """``env.relfn2path``, raising OSError for a path the OS refuses."""
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


def cut(text: str) -> str:
    """*text*, shortened to what a warning quotes."""
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def source(node: yaml.Node) -> str:
    """A YAML node's source text, shortened and escaped, for a warning.

    Never the constructed value: its repr may be refused (a huge integer) or explode
    (an alias chain).
    """
    start, end = node.start_mark, node.end_mark
    # Composed from a str (not a stream), so every mark holds the whole text.
    text = cast(str, start.buffer)[start.index : min(end.index, start.index + SHOWN + 1)]
    return repr(cut(text))[1:-1] or "an empty value"


def text_value(node: yaml.Node) -> str | None:
    """The string a YAML node holds, or None if it holds anything else."""
    if isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG:
        return cast(str, node.value)
    return None


def read_entry(
    entry: yaml.MappingNode, problems: list[tuple[str, int]]
) -> dict[str, tuple[yaml.Node, int]]:
    """The value nodes of a member entry, as {key: (node, line)}; mistakes go to *problems*."""
    values: dict[str, tuple[yaml.Node, int]] = {}
    for key_node, value_node in entry.value:
        line = key_node.start_mark.line
        key = text_value(key_node)
        if key not in ALLOWED_KEYS:
            shown = repr(cut(key)) if key is not None else source(key_node)
            problems.append((f"unknown key {shown} (allowed: {', '.join(ALLOWED_KEYS)})", line))
        elif key in values:
            problems.append((f"duplicate key {key!r}", line))
        else:
            values[key] = value_node, line
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
        text, locate, data_dir = data
        logos_dir = data_dir
        if "logos" in self.options:
            logos_dir = self.options["logos"]
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
                    if key == "logos":
                        checked[key] = relfn2path(self.env, checked[key])[0]
                except (ValueError, OSError) as error:
                    reason = getattr(error, "strerror", None) or error
                    _warn(
                        f"member-logos :{key}: {cut(self.options[key])!r} ignored: {reason}",
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
        rel = self.arguments[0]
        try:
            rel, path = relfn2path(self.env, rel)
            self.env.note_dependency(rel)
            with open_regular_file(path, MAX_DATA_BYTES) as stream:
                text = stream.read().decode("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            reason = getattr(err, "strerror", None) or err
            _warn(
                f"member-logos: cannot read data file {cut(rel)!r}: {reason}", self.get_location()
            )
            return None
        return text, lambda line: f"{path}:{line + 1}", posixpath.dirname(rel)

    def locate_in_body(self, index: int) -> str:
        """The location ("path:line") of line *index* of the directive's body."""
        index = min(index, len(self.content) - 1)  # a YAML error may point past the end
        if isinstance(self.state_machine, StateMachine):
            # docutils: each line knows its file (maybe an included one) and its offset.
            # The index is in range, where info() is items[index], never a None offset.
            source, offset = self.content.items[index]
        else:
            # MyST: the body's first line is content_offset lines after the opening line.
            # types-docutils: state_machine is an RSTStateMachine; MyST passes its mock.
            source = self.get_source_info()[0]  # type: ignore[unreachable]
            offset = self.lineno + self.content_offset + index
        return f"{source}:{offset + 1}"

    def compose(self, text: str, locate: Callable[[int], str]) -> yaml.SequenceNode | None:
        """Parse the YAML into a node tree that keeps line numbers; None after a warning."""
        try:
            root = yaml.compose(text, Loader=DataLoader)
        except yaml.reader.ReaderError as err:
            line = text.count("\n", 0, err.position)
            problem = f"unacceptable character #x{err.character:04x}: {err.reason}"
            _warn(f"member-logos: invalid YAML: {problem}", locate(line))
            return None
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
            node, line = values[key]
            value = text_value(node)
            if value is None or not value.strip():
                problems.append((f"{key!r} must be a non-empty string, not {source(node)}", line))
                return None
            # JSON writes a character beyond U+FFFF as two escaped UTF-16 surrogates.
            value = value.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
            if char := NOT_XML_CHAR.search(value):
                problems.append(
                    (f"{key!r} contains U+{ord(char[0]):04X}, which text cannot hold", line)
                )
                return None
            return value

        name = text("name", required=True)
        label = f"member {cut(name)!r}: " if name else ""
        homepage = text("homepage")
        if homepage is not None and not is_web_url(homepage):
            problems.append(
                (
                    f"homepage {cut(homepage)!r} is not a valid http or https URL",
                    values["homepage"][1],
                )
            )
        active = True
        if "active" in values:
            node, line = values["active"]
            if isinstance(node, yaml.ScalarNode) and node.tag == BOOL_TAG:
                active = yaml.constructor.SafeConstructor().construct_yaml_bool(node)
            else:
                problems.append((f"'active' must be true or false, not {source(node)}", line))
        logos = []
        for key in ("logo", "logo_dark"):
            logo = text(key, required=key == "logo")
            # The logo files of an inactive member may be gone.
            if logo is not None and active is not False:
                image = self.logo(logo, logos_dir, name or "", problems, values[key][1])
                if image is not None:
                    logos.append(image)
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
    ) -> alliance_member_logo | None:
        """The image node for a logo file; files that do not fit are added to *problems*."""
        if not logo.startswith("/"):
            logo = "/" + posixpath.join(logos_dir, logo)
        try:
            rel, path = relfn2path(self.env, logo)
        except OSError as err:
            problems.append((f"cannot read logo file {cut(logo[1:])!r}: {err.strerror}", line))
            return None
        if not rel.lower().endswith(LOGO_SUFFIXES):
            problems.append((f"logo {cut(rel)!r} must be an SVG, PNG or WebP file", line))
            return None
        try:
            with open_regular_file(path, MAX_LOGO_BYTES) as stream:
                found = content_format(stream.read(SVG_HEAD_BYTES))
            size = logo_size(path)
        except OSError as err:
            # A dependency that is not a file makes Sphinx re-read the page until it is one.
            self.env.note_dependency(rel)
            if isinstance(err, FileNotFoundError):
                problems.append((f"logo file {cut(rel)!r} not found", line))
            else:
                problems.append((f"cannot read logo file {cut(rel)!r}: {err.strerror}", line))
            return None
        named = FORMAT_OF_SUFFIX[posixpath.splitext(rel.lower())[1]]
        if found != named:
            # A browser shows nothing, whether the file is linked or embedded.
            problems.append(
                (f"logo {cut(rel)!r} holds {found}, not {named} as its name says", line)
            )
            return None
        if size is None:
            needs = (
                "an SVG needs the SVG namespace and a viewBox (or width and height) "
                "of finite, positive numbers"
                if rel.lower().endswith(".svg")
                else "is the file damaged?"
            )
            problems.append((f"cannot read the size of logo {cut(rel)!r}: {needs}", line))
            return None
        node = alliance_member_logo(
            "", uri=f"/{rel}", alt=name, classes=["sa-member-logo"], size=size
        )
        self.set_source_info(node)
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
        logger.warning(
            # No location: Sphinx reads a location without a line as a document name.
            "alliance_member_logos_embed_limit must be a number of bytes (an int >= 0), "
            "not %s; logos are not embedded (in %s)",
            cut(repr(limit)),
            Path(app.confdir, "conf.py"),
            type="alliance",
            subtype="member-logos",
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
    app.connect("doctree-resolved", list_names_for_other_builders)
    add_assets_where_used(app, alliance_member_logos, css=["sphinx-alliance-member-logos.css"])
