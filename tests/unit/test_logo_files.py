"""What a logo file holds, read from its first bytes: its size (SVG) and its format."""

import io

import pytest

from sphinx_alliance.member_logos import content_format, svg_size, xml_root

SVG = 'xmlns="http://www.w3.org/2000/svg"'

# (the file's text, its intrinsic size)
SVGS = [
    (f'<svg {SVG} width="64" height="32"/>', (64, 32)),
    (f'<svg {SVG} width="64px" height=" 32 px "/>', (64, 32)),
    (f'<svg {SVG} viewBox="0 0 240 60"/>', (240, 60)),
    (f'<svg {SVG} viewBox="0,0,240,60"/>', (240, 60)),
    (f'<svg {SVG} width="64" height="64" viewBox="0 0 240 60"/>', (64, 64)),  # width wins
    (f'<svg {SVG} width="50%" height="10" viewBox="0 0 8 4"/>', (8, 4)),  # % is no size
    (f'<svg {SVG} viewBox="0 0 0.4 0.2"/>', (1, 1)),  # at least 1 pixel
    (f'<svg {SVG} viewBox="0 0 1e2 5E1"/>', (100, 50)),
    (f'<?xml version="1.0"?><!-- c --><svg {SVG} viewBox="0 0 2 1"/>', (2, 1)),
    (f"<svg {SVG}/>", None),  # no size at all
    (f'<svg {SVG} viewBox="0 0 0 10"/>', None),
    (f'<svg {SVG} viewBox="0 0 -1 10"/>', None),
    (f'<svg {SVG} viewBox="0 0 1e400 10"/>', None),
    (f'<svg {SVG} width="nan" height="1"/>', None),
    ('<svg viewBox="0 0 10 10"/>', None),  # without the namespace, a browser shows nothing
    (f'<html {SVG} viewBox="0 0 10 10"/>', None),
    (f'<svg {SVG}><rect width="5" height="5"/></svg>', None),  # a child's size is not the root's
    ("not xml", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "size"), SVGS)
def test_svg_size(text: str, size: tuple[int, int] | None) -> None:
    assert svg_size(io.BytesIO(text.encode())) == size


# (the start of a file, what a warning says it holds)
HEADS = [
    (b"\x89PNG\r\n\x1a\nrest", "a PNG image"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "a WebP image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff\xe0", "a JPEG image"),
    (b"%PDF-1.7", "a PDF document"),
    (b"", "nothing (an empty file)"),
    (b" \n\t", "white space only"),
    (f"<svg {SVG}/>".encode(), "an SVG image"),
    (b'<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>', "an SVG image"),
    ("\ufeff<svg/>".encode("utf-16-le"), "an SVG image"),
    (
        b"\xef\xbb\xbf<?xml version='1.0'?>\n<!DOCTYPE svg [<!ENTITY a 'b'>]>\n<svg/>",
        "an SVG image",
    ),
    (b"<!doctype html><p>hi", "HTML"),
    (b"<HTML><body>", "HTML"),
    (b"<feed/>", "XML whose root is <feed>"),
    (b"<" + b"x" * 70 + b"/>", "XML whose root is <" + "x" * 60 + "\u2026>"),
    (b"just some text", "text"),
    ("caf\u00e9".encode()[:-1], "text"),  # the head may end inside a character
    (b"\x00\x01\x02binary", "data in no image format known here"),
]


@pytest.mark.parametrize(("head", "described"), HEADS)
def test_content_format(head: bytes, described: str) -> None:
    assert content_format(head) == described


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("<svg/>", "svg"),
        ("  \n<?xml version='1.0'?><!-- a --><!-- b --><svg>", "svg"),
        ("<!DOCTYPE svg PUBLIC 'x' 'y'><svg>", "svg"),
        ("<!DOCTYPE svg [<!ENTITY a '>'>]><svg>", "svg"),
        ("<!-- not closed", None),
        ("<?xml not closed", None),
        ("<!DOCTYPE", None),
        ("text", None),
        ("", None),
        ("<!--" * 10000, None),  # no backtracking over a long run
    ],
)
def test_xml_root(text: str, root: str | None) -> None:
    assert xml_root(text) == root
