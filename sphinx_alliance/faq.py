"""The ``faq`` directive: one question and its answer, deep-linkable.

Where it runs in a build, in order:

1. Reading a document: ``FaqDirective`` builds the entry (anchor, label); the transform
   ``CheckFaqAnchors`` (750) warns about an anchor another element wants;
   ``FaqDomain.process_doc`` notes labels, questions (search objects) and references.
2. ``env-get-outdated`` (``remember_labels``) and ``env-get-updated``
   (``pages_referring_to_changed_entries``): pages whose references show a changed entry
   are rewritten.
3. Writing a page: the post-transform ``MakeFaqQuestionsInert`` (90); ``doctree-resolved``
   (``replace_faq_for_other_builders``); the HTML visitors (the answer's shown text);
   ``html-page-context``: ``add_json_ld`` and the FAQ's CSS and JS where used (``assets``),
   before page assets (900).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator, Set
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import clean_astext

from ._shared import (
    CANNOT_HOLD,
    FAQ_CSS,
    FAQ_JS,
    UNWRITABLE,
    code_points,
    excerpt,
    is_safe_link,
    replace_unwritable,
    unwritable_chars,
    warn,
)
from .assets import add_assets_where_used
from .options import TextOptions, option_location, text_options, unknown_options

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

MESSAGE_CATALOG = "sphinx_alliance"
_ = get_translation(MESSAGE_CATALOG)


class alliance_faq_entry(nodes.General, nodes.Element):
    """One question and its answer; ``ids[0]`` is the entry's anchor."""


class alliance_faq_question(nodes.General, nodes.TextElement):
    """The question: inline text, extracted for translation."""


class alliance_faq_answer(nodes.General, nodes.Element):
    """The answer: any body elements."""


def _plain_text(node: nodes.Node) -> str:
    """The text of *node* as a question shows it: raw text kept, image alt text not."""
    if isinstance(node, nodes.image):
        return ""
    if not isinstance(node, nodes.Element):  # a Text node
        return node.astext()
    return node.child_text_separator.join(_plain_text(child) for child in node.children)


def question_of(entry: nodes.Node) -> str:
    """The entry's question as plain text, as it is shown ('' when it has none)."""
    question = entry.next_node(alliance_faq_question)
    return replace_unwritable(_plain_text(question)) if question is not None else ""


def anchor_from_text(text: str) -> str:
    """A stable id for *text*: docutils' id rules, else a short hash."""
    digest = hashlib.sha1(text.encode(errors="surrogatepass")).hexdigest()
    return nodes.make_id(text) or "faq-" + digest[:10]


class FaqDirective(SphinxDirective):
    """``faq``: the question is the argument, the answer is the body."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[TextOptions] = text_options("name", "open", "class")

    def run(self) -> list[nodes.Node]:
        question_text = " ".join(self.arguments[0].split()) if self.arguments else ""
        # A bad option value is ignored: ":open: false" leaves the entry closed.
        entry = alliance_faq_entry(self.block_text, open=self.options.get("open") == "")
        self.set_source_info(entry)
        self._check_options(entry)

        question = alliance_faq_question(question_text)
        self.set_source_info(question)
        inline_nodes, messages = self.parse_inline(question_text, lineno=self.lineno)
        question += inline_nodes
        answer = alliance_faq_answer()
        self.set_source_info(answer)
        answer += self.parse_content_to_nodes()
        entry += [question, answer]

        if not question_text:
            warn("faq", "faq entry without a question: give the question as the argument", entry)
        if not answer.children:
            warn("faq", f"faq entry {question_text!r} has no answer", entry)

        # Without a question, the block's text gives a stable anchor.
        self._set_anchor(entry, question_text or self.block_text)
        return [entry, *messages]

    def _check_options(self, entry: alliance_faq_entry) -> None:
        """Warn about unknown options and bad values; set the entry's classes."""
        if unknown := unknown_options(self.options, self.option_spec):
            where = option_location(self, *set(self.options) - set(self.option_spec))
            warn("faq", f"faq: {unknown}", where)
        if self.options.get("open"):
            where = option_location(self, "open")
            warn("faq", f"faq :open: takes no value; {self.options['open']!r} ignored", where)
        if "class" in self.options:
            try:
                entry["classes"] += directives.class_option(self.options["class"])
            except ValueError as error:
                where = option_location(self, "class")
                warn("faq", f"faq :class: {self.options['class']!r} ignored: {error}", where)

    def _set_anchor(self, entry: alliance_faq_entry, text: str) -> None:
        """Give *entry* its anchor (from ``:name:``, else *text*); register the name."""
        document = self.state.document
        name, anchor = self._checked_name(entry, anchor_from_text(text))
        entry["anchor"] = anchor
        if anchor not in document.ids:
            entry["ids"].append(anchor)
        if name:
            entry["names"].append(name)
            document.note_explicit_target(entry, entry)
        else:
            document.set_id(entry)

    def _checked_name(self, entry: alliance_faq_entry, anchor: str) -> tuple[str, str]:
        """The entry's name ('' if none or taken) and its anchor (*anchor* if the name
        makes none)."""
        name = nodes.fully_normalize_name(self.options.get("name", ""))
        if not name:
            return "", anchor
        document = self.state.document
        if document.nametypes.get(name):
            other = document.ids.get(document.nameids.get(name) or "")
            where = f" (line {other.line})" if other is not None and other.line else ""
            warn(
                "faq",
                f"faq :name: {name!r} is already used on this page{where}; "
                f"this entry's anchor is {anchor!r}",
                option_location(self, "name"),
            )
            return "", anchor
        usable = nodes.make_id(name)
        if usable != self.options["name"]:
            hint = f"{usable!r}" if usable else f"{anchor!r}, made from the question"
            warn(
                "faq",
                f"faq :name: {self.options['name']!r} is not usable as an id; "
                f"the anchor is {hint}",
                option_location(self, "name"),
            )
        return name, usable or anchor


def _wanted_ids(node: nodes.Element) -> set[str]:
    """Every id *node* has or would have had: an entry its anchor; another element its
    ids, names and MyST slug."""
    if isinstance(node, alliance_faq_entry):
        return {node["anchor"]}
    wanted = set(node["ids"])
    wanted.update(nodes.make_id(name) for name in node["names"] + node["dupnames"])
    if node.get("slug"):
        wanted.add(node["slug"])
    return wanted


def _describe(node: nodes.Element) -> str:
    if isinstance(node, alliance_faq_entry):
        described, line = f"faq {question_of(node)!r}", node.line
    elif isinstance(node, nodes.section):
        title = cast(nodes.title, node[0])  # a section's first child is its title
        described, line = f"section {clean_astext(title)!r}", title.line
    else:
        described, line = node.tagname, node.line
    return f"{described} (line {line})" if line else described


class CheckFaqAnchors(SphinxTransform):
    """Warn when an entry's anchor is also wanted by another element of the page."""

    default_priority = 750  # after every id is assigned (MyST slugs: 700)

    def apply(self, **kwargs: object) -> None:
        anchors = {entry["anchor"] for entry in self.document.findall(alliance_faq_entry)}
        if not anchors:
            return
        claimants: dict[str, list[nodes.Element]] = defaultdict(list)
        for node in self.document.findall(nodes.Element):
            for anchor in _wanted_ids(node) & anchors:
                claimants[anchor].append(node)
        for anchor, claiming in claimants.items():
            if len(claiming) > 1:
                _warn_shared_anchor(anchor, claiming)


def _warn_shared_anchor(anchor: str, claiming: list[nodes.Element]) -> None:
    """Warn at the last entry of those *claiming* *anchor*, naming the others."""
    entry = next(node for node in reversed(claiming) if isinstance(node, alliance_faq_entry))
    others = ", ".join(_describe(node) for node in claiming if node is not entry)
    warn(
        "faq",
        f"faq anchor {anchor!r} is also used by {others}; give the entry a unique :name:",
        entry,
    )


class MakeFaqQuestionsInert(SphinxPostTransform):
    """Make each question inert as it is finally written, for every builder.

    Substitutions, hyperlink targets and translation have all given the question
    their nodes by now: raw markup becomes text, a link that is not http, https or
    relative becomes its text, such an image is left out, and characters that HTML
    and XML cannot hold become U+FFFD.
    """

    default_priority = 90  # after references are resolved (10), before images are fetched (100)

    def run(self, **kwargs: object) -> None:
        for question in self.document.findall(alliance_faq_question):
            self._raw_to_text(question)
            self._unlink_unsafe(question)
            self._replace_unwritable(question)

    def _raw_to_text(self, question: alliance_faq_question) -> None:
        for raw in list(question.findall(nodes.raw)):
            # an Element keeps the node's classes, which replace_self must not lose
            raw.replace_self(nodes.inline(raw.rawsource, raw.astext()))

    def _unlink_unsafe(self, question: alliance_faq_question) -> None:
        """A link that is not http, https or relative becomes its text; such an image goes."""
        for node in list(question.findall(nodes.Element, include_self=False)):
            if isinstance(node, nodes.reference) and not is_safe_link(node.get("refuri", "")):
                warn(
                    "faq",
                    f"faq question: link {excerpt(node['refuri'])!r} is not http, https "
                    "or relative; shown as text",
                    question,
                )
                node.replace_self(nodes.inline(node.rawsource, "", *node.children))
            elif isinstance(node, nodes.image) and not is_safe_link(node["uri"]):
                warn(
                    "faq",
                    f"faq question: image {excerpt(node['uri'])!r} is not http, https "
                    "or relative; left out",
                    question,
                )
                node.parent.remove(node)

    def _replace_unwritable(self, question: alliance_faq_question) -> None:
        replaced = set()
        for text in list(question.findall(nodes.Text)):
            # astext(): a NUL in a Text node marks a backslash escape
            # a pair of surrogates is joined even when nothing else is replaced
            if UNWRITABLE.search(text.astext()):
                replaced.update(unwritable_chars(text.astext()))
                text.parent.replace(text, nodes.Text(replace_unwritable(text.astext())))
        if replaced:
            shown = code_points(sorted(replaced)[:5])
            warn(
                "faq",
                f"faq question: characters that {CANNOT_HOLD} ({shown}) shown as U+FFFD",
                question,
            )


class FaqDomain(Domain):
    """Per document: its entries' labels and questions, and the targets of its references.

    Sphinx rewrites a page only when its own source changes, so a page whose
    ``{ref}`` shows an entry would keep the old question, page or anchor. Each
    entry's label is compared before and after reading, and the pages that refer
    to a changed one are rewritten.

    Every question is an object of type ``question``, so that Sphinx's search lists
    it as a result of its own, linking to its entry.
    """

    name = "alliance"
    label = "sphinx-alliance"
    object_types: ClassVar[dict[str, ObjType]] = {"question": ObjType(_("question"))}
    data_version = 2
    initial_data: ClassVar[dict[str, Any]] = {"entries": {}, "questions": {}, "references": {}}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self.labels_before_reading: dict[str, tuple[str, str, str]] = {}

    @property
    def entries(self) -> dict[str, dict[str, tuple[str, str]]]:
        """Per document: {label name: (anchor, question)} of its entries."""
        return cast(dict[str, dict[str, tuple[str, str]]], self.data["entries"])

    @property
    def questions(self) -> dict[str, list[tuple[str, str]]]:
        """Per document: (anchor, question) of each entry with a question, in order."""
        return cast(dict[str, list[tuple[str, str]]], self.data["questions"])

    @property
    def references(self) -> dict[str, set[str]]:
        """Per document: the targets of its cross-references."""
        return cast(dict[str, set[str]], self.data["references"])

    def entry_labels(self) -> dict[str, tuple[str, str, str]]:
        """Every entry label: {name: (docname, anchor, question)}."""
        return {
            name: (docname, anchor, question)
            for docname, labels in self.entries.items()
            for name, (anchor, question) in labels.items()
        }

    def clear_doc(self, docname: str) -> None:
        self.entries.pop(docname, None)
        self.questions.pop(docname, None)
        self.references.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("entries", "questions", "references"):
            theirs = otherdata[key]
            self.data[key].update(
                (docname, theirs[docname]) for docname in docnames & theirs.keys()
            )

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        labels: dict[str, tuple[str, str]] = {}
        questions: list[tuple[str, str]] = []
        targets: set[str] = set()
        for node in document.findall(nodes.Element):
            if isinstance(node, alliance_faq_entry):
                question = question_of(node)
                labels.update((name, (node["ids"][0], question)) for name in node["names"])
                if question.strip():
                    questions.append((node["ids"][0], question))
            elif isinstance(node, addnodes.pending_xref):
                targets.add(node["reftarget"].lower())
        if labels:
            self.entries[docname] = labels
        if questions:
            self.questions[docname] = questions
        if targets:
            self.references[docname] = targets

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        """The type's own name, without the domain's label: search results show it."""
        return str(type.lname)

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Each question, for the search index (priority 0: listed above page hits)."""
        if not self.env.config.alliance_faq_search:
            return
        for docname, questions in self.questions.items():
            for anchor, question in questions:
                yield question, question, "question", docname, anchor, 0

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []  # entries resolve through the standard domain's labels


def remember_labels(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Before any document is purged, note every entry's label as it is."""
    domain = cast(FaqDomain, env.get_domain(FaqDomain.name))
    domain.labels_before_reading = domain.entry_labels()
    return []


def pages_referring_to_changed_entries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages whose references to an entry now show another question, page or anchor."""
    domain = cast(FaqDomain, env.get_domain(FaqDomain.name))
    before, after = domain.labels_before_reading, domain.entry_labels()
    domain.labels_before_reading = {}
    changed = {
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    }
    if not changed:
        return []
    return [docname for docname, targets in domain.references.items() if targets & changed]


def replace_faq_for_other_builders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """For builders other than HTML and gettext: each entry becomes a strong paragraph
    with the question, then the answer.

    gettext renders nothing and extracts messages from the nodes as read. At
    ``doctree-resolved``, after every post-transform (questions made inert, at 90).
    """
    if app.builder.format == "html" or app.builder.name == "gettext":
        return
    for entry in list(doctree.findall(alliance_faq_entry)):
        question, answer = cast(list[nodes.Element], entry.children)
        paragraph = nodes.paragraph(
            question.rawsource, "", nodes.strong("", "", *question.children)
        )
        paragraph.source, paragraph.line = question.source, question.line
        target = nodes.target("", "", ids=entry["ids"])
        entry.replace_self([target, paragraph, *answer.children])


def visit_faq_entry(self: HTML5Translator, node: alliance_faq_entry) -> None:
    # The anchors go on the question, where a heading's section finds its id.
    self.body.append(
        self.starttag(nodes.Element(classes=node["classes"]), "div", classes=["sa-faq"])
    )
    # open="open", not a bare open: epub pages are XML.
    open_ = ' open="open"' if node["open"] else ""
    self.body.append(f'<details class="sa-faq-details"{open_}>')


def depart_faq_entry(self: HTML5Translator, node: alliance_faq_entry) -> None:
    self.body.append("</details>")
    if node["ids"] and self.config.html_permalinks:
        title = escape(_("Link to this question"))
        self.body.append(
            f'<a class="headerlink sa-faq-permalink" href="#{escape(node["ids"][0])}" '
            f'title="{title}">{self.config.html_permalinks_icon}</a>'
        )
    self.body.append("</div>\n")


def _heading_level(self: HTML5Translator, node: alliance_faq_question) -> int:
    """One below the enclosing section's title, and one more per enclosing entry."""
    entries, ancestor = 0, node.parent.parent
    while ancestor is not None:
        entries += isinstance(ancestor, alliance_faq_entry)
        ancestor = ancestor.parent
    return min(6, self.section_level + self.initial_header_level + entries)


def visit_faq_question(self: HTML5Translator, node: alliance_faq_question) -> None:
    entry = node.parent
    ids = list(entry["ids"]) if isinstance(entry, alliance_faq_entry) else []
    self.body.append(
        self.starttag(nodes.Element(ids=ids), "summary", "", classes=["sa-faq-question"])
    )
    # A heading, so that an indexer that knows pages by their headings (Read the Docs')
    # makes the question a section of its own; none for an empty question.
    if node.astext().strip():
        level = _heading_level(self, node)
        self.body.append(f'<h{level} class="sa-faq-heading">')


def depart_faq_question(self: HTML5Translator, node: alliance_faq_question) -> None:
    if node.astext().strip():
        self.body.append(f"</h{_heading_level(self, node)}>")
    self.body.append("</summary>")


def visit_faq_answer(self: HTML5Translator, node: alliance_faq_answer) -> None:
    self.body.append(self.starttag(node, "div", classes=["sa-faq-answer"]))
    node["body_start"] = len(self.body)


def depart_faq_answer(self: HTML5Translator, node: alliance_faq_answer) -> None:
    # The JSON-LD repeats the answer as written: whatever the doctree holds that
    # HTML does not show (comments, substitution definitions, raw text for other
    # formats, any extension's node that renders nothing) stays out of it.
    if self.config.alliance_faq_json_ld:
        node["shown_text"] = shown_text("".join(self.body[node["body_start"] :]))
    self.body.append("</div>")


# What starts a new block of text; what is not shown with its content; what has no
# content (split strings: as list literals, these take 40 lines).
_BLOCKS = frozenset(
    "address article aside blockquote caption dd details div dl dt figcaption figure footer "  # noqa: SIM905
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul".split()
)
_NOT_SHOWN = frozenset({"script", "style", "template"})
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())  # noqa: SIM905
_COLLAPSED = re.compile(r"[ \t\n\r\f]+")  # HTML's white space, outside <pre>


class _ShownText(HTMLParser):
    """Collects the text of an HTML fragment as :func:`shown_text` describes it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # Runs of text between block boundaries and line breaks, each with whether it is
        # inside a <pre> and what separates it from the previous one.
        self.blocks: list[tuple[list[str], bool, str]] = [([], False, "")]
        self.hidden: tuple[str, int] | None = None  # (tag, depth) of the hiding element
        self.pre = 0

    def _new_block(self, separator: str = "\n\n") -> None:
        self.blocks.append(([], self.pre > 0, separator))

    def _is_hidden(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        attributes = dict(attrs)
        return tag not in _VOID and (
            tag in _NOT_SHOWN
            or "hidden" in attributes
            or (tag == "a" and "headerlink" in (attributes.get("class") or "").split())
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden is not None:
            hiding, depth = self.hidden
            self.hidden = (hiding, depth + (tag == hiding))
        elif self._is_hidden(tag, attrs):
            self.hidden = (tag, 1)
        elif tag == "br":
            self._new_block("\n")
        elif tag in _BLOCKS:
            self.pre += tag == "pre"
            self._new_block()

    def handle_endtag(self, tag: str) -> None:
        if self.hidden is not None:
            hiding, depth = self.hidden
            if tag == hiding:
                self.hidden = (hiding, depth - 1) if depth > 1 else None
        elif tag in _BLOCKS:
            self.pre -= tag == "pre" and self.pre > 0
            self._new_block()

    def handle_data(self, data: str) -> None:
        if self.hidden is None:
            self.blocks[-1][0].append(data)


def shown_text(html: str) -> str:
    """The text a reader sees in *html*: blocks apart by a blank line, ``<br>`` a newline.

    Left out: comments, ``<script>``, ``<style>``, ``<template>``, ``hidden`` elements
    and permalink marks (``a.headerlink``); white space collapsed outside ``<pre>``.
    """
    parser = _ShownText()
    parser.feed(html)
    parser.close()
    shown, separator = "", ""
    for parts, preformatted, before in parser.blocks:
        text = "".join(parts)
        # a <pre> keeps its first line's indent
        text = text.strip("\r\n") if preformatted else _COLLAPSED.sub(" ", text).strip(" ")
        separator = max(separator, before, key=len)  # a block boundary over a line break
        if text.strip():
            shown += (separator if shown else "") + text
            separator = ""
    return shown


_ESCAPED_IN_JSON_LD = re.compile(f"[&<>]|{UNWRITABLE.pattern}")


def _json_escaped(char: str) -> str:
    # json's own escape writes a character beyond U+FFFF as a surrogate pair
    return json.dumps(char)[1:-1] if ord(char) > 0x7F else f"\\u{ord(char):04x}"


def _encodable(text: str, encoding: str) -> str:
    """*text* with each character that *encoding* cannot write as a JSON escape.

    Sphinx writes such a character as a character reference, which a ``<script>``
    does not decode.
    """
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        # No character encodes to nothing: an empty result means it cannot be written.
        return "".join(c if c.encode(encoding, "ignore") else _json_escaped(c) for c in text)
    return text


def faq_json_ld(doctree: nodes.document, encoding: str = "utf-8") -> str:
    """A schema.org FAQPage for the entries of *doctree*, safe inside ``<script>``.

    Each answer is the text the HTML writer showed of it (``shown_text``); the page
    is written in *encoding*.
    """
    questions = []
    for entry in doctree.findall(alliance_faq_entry):
        answer_node = entry.next_node(alliance_faq_answer)
        question = question_of(entry).strip()
        answer = answer_node.get("shown_text", "") if answer_node is not None else ""
        if question and answer:
            questions.append(
                {
                    "@type": "Question",
                    "name": question,
                    "acceptedAnswer": {"@type": "Answer", "text": answer},
                }
            )
    if not questions:
        return ""
    data = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # \u escapes keep the JSON equal, the text unable to close the <script>, and
    # the page writable (a lone surrogate of an answer would become "&#55296;").
    text = _ESCAPED_IN_JSON_LD.sub(lambda match: _json_escaped(match[0]), text)
    return f'<script type="application/ld+json">{_encodable(text, encoding)}</script>\n'


def add_json_ld(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Put the page's FAQPage JSON-LD at the end of its body.

    After the entries whose text it repeats, rather than in ``<head>``: a compressed page
    then carries that text about once.
    """
    if doctree is None or not app.config.alliance_faq_json_ld:
        return
    script = faq_json_ld(doctree, app.config.html_output_encoding)
    if script:
        context["body"] = context.get("body", "") + script


def setup_faq(app: Sphinx) -> None:
    """Register the ``faq`` directive and its nodes."""
    app.add_config_value("alliance_faq_json_ld", True, "html", types=frozenset({bool}))
    app.add_config_value("alliance_faq_search", True, "html", types=frozenset({bool}))
    app.add_enumerable_node(
        alliance_faq_entry,
        "faq",
        question_of,
        html=(visit_faq_entry, depart_faq_entry),
    )
    app.add_node(alliance_faq_question, html=(visit_faq_question, depart_faq_question))
    app.add_node(alliance_faq_answer, html=(visit_faq_answer, depart_faq_answer))
    app.add_directive("faq", FaqDirective)
    app.add_transform(CheckFaqAnchors)
    app.add_post_transform(MakeFaqQuestionsInert)
    app.add_message_catalog(MESSAGE_CATALOG, Path(__file__).parent / "locale")
    app.add_domain(FaqDomain)
    app.connect("env-get-outdated", remember_labels)
    app.connect("env-get-updated", pages_referring_to_changed_entries)
    app.connect("doctree-resolved", replace_faq_for_other_builders)
    app.connect("html-page-context", add_json_ld)
    add_assets_where_used(app, alliance_faq_entry, css=[FAQ_CSS], js=[FAQ_JS])
