"""SVG screening: every way an SVG can name another file is refused; its own fragments are not.

The same function screens for both editions (the build's image plan and the PDF's URL
fetcher), so these cases hold for the PDF and the EPUB alike; tests/hostile/ builds the
main ones end to end.
"""

from __future__ import annotations

import pytest

from renderer.safeimage import screen_image

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">{}</svg>'
REMOTE = "http://127.0.0.1:9/x.svg#g"


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (f'<rect fill="url({REMOTE})"/>', "in fill"),
        ('<rect filter="url(file:///etc/passwd#f)"/>', "in filter"),
        (f"<rect mask=\"URL( '{REMOTE}' )\"/>", "in mask"),
        (f'<rect style="fill: \\75 rl({REMOTE})"/>', "in style"),
        (f'<rect style="fill: \\000075rl({REMOTE})"/>', "in style"),
        (f"<rect style=\"background: image-set('{REMOTE}' 1x)\"/>", "in style"),
        (f"<style>@import '{REMOTE}';</style>", "style sheet"),
        (f"<style>@\\69mport '{REMOTE}';</style>", "style sheet"),
        (f"<style><![CDATA[rect {{ fill: u\\72l({REMOTE}) }}]]></style>", "style sheet"),
        (f"<style>/* c */<!-- x -->rect {{ fill: url({REMOTE}) }}</style>", "style sheet"),
        (f'<x:style xmlns:x="http://www.w3.org/2000/svg">rect{{fill:url({REMOTE})}}</x:style>',
         "style sheet"),
        (f'<use x:href="{REMOTE}"/>', "in href"),
        (f'<use href=" {REMOTE}"/>', "in href"),
        ('<image href="data:image/svg+xml,&lt;svg/&gt;"/>', "in href"),
        (f'<a><set attributeName="href" to="{REMOTE}"/></a>', "in to"),
        (f'<a><set attributeName="x:href" to="{REMOTE}"/></a>', "in to"),
        (f'<a><animate attributeName="href" values="#a;{REMOTE}"/></a>', "in values"),
        (f'<rect><animate attributeName="fill" values="red;url({REMOTE})"/></rect>', "in values"),
        (f'<rect><animate attributeName="fill" from="url({REMOTE})" to="red"/></rect>', "in from"),
        (f'<animateMotion><mpath href="{REMOTE}"/></animateMotion>', "in href"),
        ('<rect onclick="x()"/>', "event handler"),
        ("<foreignObject/>", "foreignObject"),
    ],
)
def test_every_outward_reference_is_refused(body, why):
    problem = screen_image(SVG.format(body).encode())
    assert problem is not None and why in problem and "(refused)" in problem, problem


def test_a_stylesheet_processing_instruction_is_refused():
    data = f'<?xml-stylesheet href="{REMOTE}"?>'.encode() + SVG.format("<rect/>").encode()
    assert "processing instruction (<?xml-stylesheet …?>)" in screen_image(data)


@pytest.mark.parametrize(
    "body",
    [
        '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" stroke="url( \'#g\' )"/>',
        '<rect style="fill: url(#g); stroke: \\72 ed"/>',
        "<style>rect { fill: url(#g) } /* url-like text: urly( */</style>",
        '<use href="#a"/><use x:href=" #a"/>',
        '<image href="data:image/png;base64,iVBORw0KGgo="/>',
        '<a href="#b"><set attributeName="href" to="#c"/></a>',
        '<rect><animate attributeName="fill" values="red;blue" dur="1s"/></rect>',
        "<!-- a comment --><text>url(http://example.com/) is just text</text>",
    ],
)
def test_own_fragments_and_plain_drawing_pass(body):
    assert screen_image(SVG.format(body).encode()) is None
