"""Link other extensions' CSS and JS only from the pages that use them, and defer scripts.

Sphinx links every file added with ``app.add_css_file``/``add_js_file`` from every page.
With ``alliance_page_assets`` on, each HTML page drops the files of a rule whose nodes it
does not hold, its scripts that a rule marks safe to defer get ``defer``, and the stylesheets
that a rule marks inline are copied into a ``<style>`` in place of their link.

What a page holds is its own document and every title that the theme may render into it
from other documents (navigation, related links): the titles and tables of contents of all
documents, gathered once per build. A page without a document (an extension's generated
page, ``html_additional_pages``) keeps every file, since what it holds cannot be known.

Loaded by ``sphinx_alliance`` or on its own. Where it runs in a build, in order:

1. ``builder-inited``: ``connect_page_assets`` checks the rules, for an HTML builder with
   the feature on, and connects the handlers below.
2. ``env-get-outdated``: ``pages_with_changed_inline_css``.
3. ``write-started``: ``Navigation.gather``, the titles and tables of contents.
4. ``html-page-context`` (900, after the handlers that add a page's files):
   ``select_page_assets``.
5. ``build-finished``: ``RewrittenStylesheets.note_written`` (100), then ``update_pages``
   (900), around the theme's own handlers.
"""

import functools
import html
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import import_object

from . import __version__
from ._shared import FAQ_CSS, MEMBER_LOGOS_CSS, conf_py, warn

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

CODE_BLOCKS = ["docutils.nodes.literal_block", "docutils.nodes.doctest_block"]

# A rule names a file as its extension adds it; "when" lists what a page must hold for the
# file to be linked (a node class by import path, or ".class" / ".prefix-*" for a node or
# raw HTML element with that class); "defer" says the script may run after parsing;
# "inline" puts the stylesheet's text in the page.
BUILTIN_RULES: dict[str, dict[str, Any]] = {
    # Pygments' colours: code blocks, and inline code with a language (the `code` role).
    "pygments.css": {"when": [*CODE_BLOCKS, ".code"]},
    # sphinx-copybutton puts its buttons on code blocks.
    "copybutton.css": {"when": CODE_BLOCKS},
    "clipboard.min.js": {"when": CODE_BLOCKS, "defer": True},
    "copybutton.js": {"when": CODE_BLOCKS, "defer": True},
    # sphinx-design: every component carries an sd- class; icons are nodes of their own
    # (raw HTML with an sd- class before sphinx-design 0.7).
    "sphinx-design.min.css": {
        "when": [".sd-*", "sphinx_design.icons.sd_icon", "sphinx_design.icons.fontawesome"]
    },
    "design-tabs.js": {"when": [".sd-tab-set"], "defer": True},
    # Scripts that nothing calls while the page loads.
    "sphinx_highlight.js": {"defer": True},
    "scripts/furo.js": {"defer": True},
    # Ours: small, and linked only from the pages that use them.
    FAQ_CSS: {"inline": True},
    MEMBER_LOGOS_CSS: {"inline": True},
}
RULE_KEYS = {"when", "defer", "inline"}
RAW_HTML_CLASS = re.compile(r"""\bclass\s*=\s*["']([^"']*)""")
# What a "when" entry may be: a CSS class (".name", ".prefix-*") or a node class's import
# path (module.Class); anything else is refused before it is imported.
CLASS_ENTRY = re.compile(r"\.[^\s.*\\\"'<>]+\*?")
IMPORT_PATH = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)+")
# Sphinx's search page loads searchtools.js after the page's scripts, without defer.
NO_DEFER_TEMPLATES = {"search.html"}
# Pages that Sphinx writes from its own templates without a document: what they take from
# the documents is text (index entries, module names), the rest is the theme's navigation.
INDEX_TEMPLATES = {
    "genindex.html",
    "genindex-single.html",
    "genindex-split.html",
    "domainindex.html",
    "search.html",
}
# What an inlined stylesheet may not hold: a path in it would resolve against the page, and
# "</style" would end the element.
REFERS_ELSEWHERE = re.compile(r"url\(|@import|</style", re.IGNORECASE)
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
# A larger stylesheet is linked: every page would carry a copy (see the reference).
INLINE_LIMIT = 64 * 1024  # bytes


@dataclass
class Contents:
    """The node classes and CSS classes (raw HTML's too) that a page holds."""

    node_types: set[type[nodes.Node]] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, tree: nodes.Node) -> "Contents":
        """What *tree* holds."""
        contents = cls()
        contents.add(tree)
        return contents

    def add(self, tree: nodes.Node) -> None:
        """Add what *tree* holds."""
        for node in tree.findall(nodes.Element):
            self.node_types.add(type(node))
            self.classes.update(node["classes"])
            if isinstance(node, nodes.raw) and "html" in node.get("format", "").split():
                for value in RAW_HTML_CLASS.findall(node.astext()):
                    self.classes.update(value.split())


@dataclass(frozen=True)
class Rule:
    """When a page needs one file, and whether the file may be deferred."""

    conditional: bool
    node_types: tuple[type[nodes.Node], ...] = ()
    classes: frozenset[str] = frozenset()
    class_prefixes: tuple[str, ...] = ()
    defer: bool = False
    inline: bool = False

    def needed(self, *held: Contents) -> bool:
        """Whether a page holding each of *held* needs the file."""
        return not self.conditional or any(self.met_by(contents) for contents in held)

    def met_by(self, contents: Contents) -> bool:
        if self.node_types and any(issubclass(t, self.node_types) for t in contents.node_types):
            return True
        if not self.classes.isdisjoint(contents.classes):
            return True
        return bool(self.class_prefixes) and any(
            c.startswith(self.class_prefixes) for c in contents.classes
        )


class RuleError(ValueError):
    """A rule of ``alliance_page_assets`` that cannot be used."""


@dataclass(frozen=True)
class RuleSpec:
    """A rule as written, checked: what :func:`compile_rule` builds a :class:`Rule` from."""

    when: tuple[str, ...] | None  # None: the file is needed on every page
    defer: bool = False
    inline: bool = False


def check_rule_spec(spec: object, file_name: str) -> RuleSpec:
    """The rule *spec* of the file *file_name*, checked; :class:`RuleError` if unusable.

    Nothing is imported: an entry of ``when`` is only checked to be a CSS class or an
    import path.
    """
    if not isinstance(spec, dict):
        msg = f"a rule is a dict with the keys 'when', 'defer' and 'inline', not {spec!r}"
        raise RuleError(msg)
    if unknown := [key for key in spec if key not in RULE_KEYS]:
        msg = f"unknown key {', '.join(map(repr, unknown))} (known: 'defer', 'inline', 'when')"
        raise RuleError(msg)
    defer, inline = spec.get("defer", False), spec.get("inline", False)
    for key, value in (("defer", defer), ("inline", inline)):
        if not isinstance(value, bool):
            msg = f"{key!r} must be True or False, not {value!r}"
            raise RuleError(msg)
    when = check_when(spec.get("when"))
    if inline and not file_name.endswith(".css"):
        msg = "'inline' is for stylesheets (.css files)"
        raise RuleError(msg)
    return RuleSpec(when, defer, inline)


def check_when(when: object) -> tuple[str, ...] | None:
    """The ``when`` of a rule, each entry a CSS class or an import path; else RuleError."""
    if when is None:
        return None
    if not isinstance(when, list | tuple) or not all(isinstance(item, str) for item in when):
        msg = f"'when' must be a list of strings, not {when!r}"
        raise RuleError(msg)
    for item in when:
        if item.startswith(".") and not CLASS_ENTRY.fullmatch(item):
            msg = f"{item!r} is not a CSS class ('.name', '.prefix-*')"
            raise RuleError(msg)
        if not item.startswith(".") and not IMPORT_PATH.fullmatch(item):
            msg = f"{item!r} is neither a CSS class ('.name', '.prefix-*') nor an import path"
            raise RuleError(msg)
    return tuple(when)


def node_class(path: str) -> type[nodes.Node]:
    """The node class at the import path *path* (``module.Class``)."""
    try:
        found = import_object(path)
    except ExtensionError:
        found = None
    # Importing runs the module: whatever it raises (SystemExit too) is this rule's problem.
    except (Exception, SystemExit) as error:
        msg = f"importing {path!r} failed: {type(error).__name__}: {error}"
        raise RuleError(msg) from None
    if not (isinstance(found, type) and issubclass(found, nodes.Node)):
        msg = f"{path!r} is not the import path of a docutils node class"
        raise RuleError(msg)
    return found


def compile_rule(spec: RuleSpec, *, builtin: bool = False) -> Rule:
    """The :class:`Rule` of *spec*, its node classes imported; RuleError if one cannot be.

    A built-in rule skips the node classes of extensions that are not installed (or of
    another version): their nodes cannot be on a page.
    """
    if spec.when is None:
        return Rule(conditional=False, defer=spec.defer, inline=spec.inline)
    classes = [item[1:] for item in spec.when if item.startswith(".")]
    paths = [item for item in spec.when if not item.startswith(".")]
    return Rule(
        conditional=True,
        node_types=node_classes(paths, builtin=builtin),
        classes=frozenset(c for c in classes if not c.endswith("*")),
        class_prefixes=tuple(c[:-1] for c in classes if c.endswith("*")),
        defer=spec.defer,
        inline=spec.inline,
    )


def node_classes(paths: list[str], *, builtin: bool) -> tuple[type[nodes.Node], ...]:
    """The node classes at the import paths *paths*; a built-in rule skips those not found."""
    found = []
    for path in paths:
        try:
            found.append(node_class(path))
        except RuleError:
            if not builtin:
                raise
    return tuple(found)


def check_file_name(name: object) -> str:
    """*name* if it can name a file as its extension adds it, else :class:`RuleError`."""
    if not isinstance(name, str):
        msg = f"a file name is a string, not {type(name).__name__}"
        raise RuleError(msg)
    if not name.strip() or name.strip("./") == "" or name != name.strip():
        msg = "not the name of a file"
        raise RuleError(msg)
    if "*" in name:
        msg = "a rule names one file: '*' is not a wildcard here"
        raise RuleError(msg)
    return name


def compile_rules(app: Sphinx) -> dict[str, Rule]:
    """The built-in rules, replaced or extended by those of ``alliance_page_assets``."""
    rules = {
        name: compile_rule(check_rule_spec(spec, name), builtin=True)
        for name, spec in BUILTIN_RULES.items()
    }
    config = app.config.alliance_page_assets
    for name, spec in (config if isinstance(config, dict) else {}).items():
        try:
            file_name = check_file_name(name)
            rules[asset_name(file_name)] = compile_rule(check_rule_spec(spec, file_name))
        except RuleError as error:
            warn(
                "page-assets",
                f"alliance_page_assets[{name!r}] in {conf_py(app)}: {error}; rule ignored",
            )
    return rules


def navigation_contents(env: "BuildEnvironment") -> Contents:
    """What a theme may render into any page from the documents: titles and their tables
    of contents (toctree captions are text)."""
    contents = Contents()
    for tree in chain(env.titles.values(), env.longtitles.values(), env.tocs.values()):
        contents.add(tree)
    return contents


class Navigation:
    """What the theme may render into any page from the documents, gathered once a build."""

    def __init__(self) -> None:
        self.gathered: Contents | None = None

    def gather(self, app: Sphinx, builder: Any) -> None:
        """Before the pages are written, in the main process: parallel writers inherit it."""
        self.gathered = navigation_contents(app.env)

    def contents(self, env: "BuildEnvironment") -> Contents:
        if self.gathered is None:
            self.gathered = navigation_contents(env)
        return self.gathered


def asset_name(asset: Any) -> str:
    """The file name of a CSS or JS asset as its extension added it (no ``_static/``)."""
    return str(getattr(asset, "filename", asset) or "").removeprefix("_static/")


def deferred(script: Any) -> Any:
    """A copy of the asset *script* with ``defer`` (assets are immutable)."""
    return type(script)(
        script.filename, priority=script.priority, **{**script.attributes, "defer": "defer"}
    )


def runs_later(script: Any) -> bool:
    """Whether *script* is a file that waits for the page anyway (defer, async, module)."""
    attributes = getattr(script, "attributes", {})
    return bool(getattr(script, "filename", script)) and (
        "defer" in attributes or "async" in attributes or attributes.get("type") == "module"
    )


def inlinable_text(path: Path) -> tuple[str | None, str]:
    """The text of the stylesheet *path* to put in a page, or None and why it cannot be."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return None, "it cannot be read: not a regular file"
        if status.st_size > INLINE_LIMIT:
            return None, f"it is larger than {INLINE_LIMIT // 1024} KiB ({status.st_size} bytes)"
        # A byte order mark is not CSS: in a <style>, it would spoil the first rule.
        text = SOURCE_MAP.sub("", path.read_text(encoding="utf-8-sig")).strip()
    except (OSError, UnicodeDecodeError) as error:
        return None, f"it cannot be read: {error}"
    if REFERS_ELSEWHERE.search(text):
        return None, "it holds url(), @import or </style"
    return text, ""


def stylesheet_text(path: Path) -> str | None:
    """The text of the stylesheet *path* to put in a page, or None (with a warning)."""
    text, reason = inlinable_text(path)
    if text is None:
        warn("page-assets", f"alliance_page_assets: {path} is linked, not inlined: {reason}")
    return text


def inline_css_tag(
    css_tag: Callable[[Any], str],
    read: Callable[[Path], str | None],
    outdir: Path,
    inline: set[str],
    css: Any,
) -> str:
    """The page's ``<style>`` for *css* if a rule inlines it, else the theme's link tag."""
    attributes = getattr(css, "attributes", {})
    if (
        asset_name(css) in inline
        and attributes.get("rel", "stylesheet") == "stylesheet"
        and (text := read(outdir / css.filename)) is not None
    ):
        media = attributes.get("media")
        media_attribute = f' media="{html.escape(media)}"' if media else ""
        return f"<style{media_attribute}>{text}</style>"
    return css_tag(css)


def defer_scripts(scripts: list[Any], rules: dict[str, Rule], *, last: bool = True) -> list[Any]:
    """*scripts*, in the page's order, with ``defer`` on those that a rule marks safe to defer.

    Deferred scripts run in order after parsing: a script is deferred only when no script
    after it runs at once, which might call it. *last* is false when a script that the
    page loads after these runs at once.
    """
    scripts = list(scripts)
    runs_at_once_later = not last
    for index in reversed(range(len(scripts))):
        script = scripts[index]
        if runs_later(script):
            continue
        rule = rules.get(asset_name(script)) if hasattr(script, "filename") else None
        if rule and rule.defer and not runs_at_once_later:
            scripts[index] = deferred(script)
        else:
            runs_at_once_later = True
    return scripts


def inline_stylesheets(
    rules: dict[str, Rule], read: Callable[[Path], str | None], outdir: Path, context: Any
) -> None:
    """Make the page's ``css_tag`` write each stylesheet that a rule inlines as a ``<style>``."""
    inline = {
        name
        for css in context["css_files"]
        if hasattr(css, "filename")
        and (rule := rules.get(name := asset_name(css)))
        and rule.inline
    }
    if inline and "css_tag" in context:
        context["css_tag"] = partial(inline_css_tag, context["css_tag"], read, outdir, inline)


def select_page_assets(
    rules: dict[str, Rule],
    read: Callable[[Path], str | None],
    navigation: Navigation,
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Drop the page's unneeded CSS and JS files, inline stylesheets, defer scripts."""
    held = [navigation.contents(app.env)]
    if doctree is not None:
        held.append(Contents.of(doctree))
    # Another page without a document: what it holds cannot be known.
    keep_all = app.registry.html_assets_policy == "always" or (
        doctree is None and templatename not in INDEX_TEMPLATES
    )

    def needed(asset: Any) -> bool:
        rule = rules.get(asset_name(asset))
        return keep_all or rule is None or rule.needed(*held)

    if "css_files" in context:
        context["css_files"] = [css for css in context["css_files"] if needed(css)]
        inline_stylesheets(rules, read, Path(app.outdir), context)
    if "script_files" in context:
        scripts = sorted(
            filter(needed, context["script_files"]), key=lambda js: getattr(js, "priority", 500)
        )
        last = templatename not in NO_DEFER_TEMPLATES
        context["script_files"] = defer_scripts(scripts, rules, last=last)


def pages_with_changed_inline_css(
    rules: dict[str, Rule], app: Sphinx, env: Any, *changes: Any
) -> list[str]:
    """Every page, when a stylesheet that a rule inlines is newer than the last build.

    Sphinx rewrites a page when its source or a template changes, not a static file.
    """
    last_build = Path(app.outdir, ".buildinfo")
    if not last_build.is_file():
        return []
    built = last_build.stat().st_mtime
    names = [name for name, rule in rules.items() if rule.inline]
    if any(source.stat().st_mtime > built for source in static_sources(app, names)):
        return sorted(env.found_docs)
    return []


def static_folders(app: Sphinx) -> list[Path]:
    """The entries of ``html_static_path`` (folders or files) and the theme's static folders."""
    theme = getattr(app.builder, "theme", None)
    entries = [Path(app.confdir, path) for path in app.config.html_static_path]
    return entries + [
        Path(folder, "static") for folder in (theme.get_theme_dirs() if theme else ())
    ]


def static_sources(app: Sphinx, names: list[str]) -> Iterator[Path]:
    """The files that Sphinx copies into ``_static`` as one of *names* (or renders, ``_t``)."""
    copied = [name + suffix for name in names for suffix in ("", "_t")]
    for entry in static_folders(app):
        if entry.is_file():
            # An html_static_path entry that names a file puts it in _static itself.
            if entry.name in copied:
                yield entry
        else:
            yield from (entry / name for name in copied if (entry / name).is_file())


class RewrittenStylesheets:
    """Pages carry an inlined stylesheet as it is at the end of the build.

    A theme may rewrite a static file after the pages are written (furo writes its
    ``pygments.css``, with dark colours, when the build finishes): the text that the pages
    hold, read before the theme's handler runs, is then replaced by the file's final text.
    """

    def __init__(self, rules: dict[str, Rule]) -> None:
        self.names = [name for name, rule in rules.items() if rule.inline]
        self.written: dict[Path, str] = {}

    def note_written(self, app: Sphinx, exception: BaseException | None) -> None:
        """Before other handlers: the inlined text of each file, as the pages hold it."""
        self.written = {}
        for name in self.names:
            path = Path(app.outdir, "_static", name)
            if (text := inlinable_text(path)[0]) is not None:
                self.written[path] = text

    def update_pages(self, app: Sphinx, exception: BaseException | None) -> None:
        """After them: put the final text of each rewritten file into the pages."""
        if exception is not None:
            return
        changes = []
        # As Sphinx writes the pages.
        encoding = app.config.html_output_encoding, "xmlcharrefreplace"
        for path, written in self.written.items():
            final, reason = inlinable_text(path)
            if final is None:
                warn(
                    "page-assets",
                    f"alliance_page_assets: {path} was rewritten after the pages were written "
                    f"and {reason}: they keep its earlier text",
                )
            elif final != written:
                changes.append(
                    (
                        f">{written}</style>".encode(*encoding),
                        f">{final}</style>".encode(*encoding),
                    )
                )
        if not changes:
            return
        builder = cast("StandaloneHTMLBuilder", app.builder)
        for page in Path(app.outdir).rglob("*" + builder.out_suffix):
            content = original = page.read_bytes()
            for written_style, final_style in changes:
                content = content.replace(written_style, final_style)
            if content != original:
                page.write_bytes(content)


def connect_page_assets(app: Sphinx) -> None:
    """Check the rules once, when the feature is on for an HTML builder."""
    config = app.config.alliance_page_assets
    if not (config is True or isinstance(config, dict)) or app.builder.format != "html":
        return
    rules = compile_rules(app)
    # An XHTML page (epub) links its stylesheets: in XML, <style> text is markup, and a
    # book's files are read from its own archive anyway.
    if getattr(app.builder, "out_suffix", "") == ".xhtml":
        rules = {name: replace(rule, inline=False) for name, rule in rules.items()}
    # Late, so that files added for this page by other handlers are seen too. Sphinx copies
    # the static files before it writes the pages: inlined ones are read from there once.
    read, navigation = functools.cache(stylesheet_text), Navigation()
    app.connect("write-started", navigation.gather)
    app.connect("html-page-context", partial(select_page_assets, rules, read, navigation), 900)
    app.connect("env-get-outdated", partial(pages_with_changed_inline_css, rules))
    rewritten = RewrittenStylesheets(rules)
    app.connect("build-finished", rewritten.note_written, 100)
    app.connect("build-finished", rewritten.update_pages, 900)


def setup(app: Sphinx) -> "ExtensionMetadata":
    """Register ``alliance_page_assets``; loadable on its own, without the directives."""
    app.add_config_value("alliance_page_assets", False, "html", types=frozenset({bool, dict}))
    app.connect("builder-inited", connect_page_assets)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
