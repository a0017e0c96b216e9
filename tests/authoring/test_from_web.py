"""`kiosk article from-web`: saved pages in the shapes clinics' sites have (a WordPress post with
its menu, sidebar, comments and related posts; a page builder's nested divs; a page with a table
of figures) become drafts with the article's own text, its metadata, its pictures in media/, its
links and related posts matched to the pack's articles, and suggested statistics; each draft
validates. Pages that are not articles, and web addresses, are refused. Every test here runs under
the network guard: nothing may be fetched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from PIL import Image

from kiosk.authoring.new_pack import write_new_pack
from kiosk.authoring.web_import import PageRefused, import_saved_page
from kiosk.authoring.web_pictures import PictureLeftOut, copy_picture
from kiosk.content.frontmatter import split_front_matter
from kiosk.content.validation import validate_pack
from tests.authoring import saved_pages as pages
from tests.cli.test_content_commands import kiosk
from tests.helpers.packs import article


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A new pack with two articles the pages link to, known by their web addresses."""
    root = tmp_path / "pack"
    write_new_pack(root)
    for slug, url in (("opioid-withdrawal", pages.WITHDRAWAL_URL), ("what-is-fentanyl", pages.FENTANYL_URL)):
        text = article(title=slug.replace("-", " ").title(), related="start-here", extra=f"url: {url}\n",
                       body="We can help. Call us today.\n")
        (root / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    assert validate_pack(root).errors == []
    return root


def front_matter(path: Path) -> tuple[dict, str, str]:
    text = path.read_text(encoding="utf-8")
    split = split_front_matter(text)
    return yaml.safe_load(split.front_matter), split.front_matter, split.body


def suggested_stats(front: str) -> list[dict]:
    """The commented-out `stats:` block, as the author gets it by removing each '# '."""
    lines = front.splitlines()
    start = lines.index("# stats:")
    block = [line.removeprefix("# ") for line in lines[start:] if line.startswith("# ")]
    return yaml.safe_load("\n".join(block))["stats"]


def assert_validates(pack: Path) -> None:
    result = validate_pack(pack)
    assert result.errors == [], [str(p) for p in result.errors]


def test_a_wordpress_post_becomes_its_own_text_without_the_site_around_it(pack, tmp_path) -> None:
    page = pages.wordpress_post(tmp_path / "saved")
    draft = import_saved_page(str(page), pack)
    assert draft.path == pack / "articles" / "depression-and-substance-use-what-to-know.md"
    fields, _front, body = front_matter(draft.path)
    for kept in (
        "Depression is more than feeling sad for a day or two.", "## Signs to look for",
        "- Feeling sad, empty or **hopeless** most of the day", "things you used to *enjoy*",
        "> Asking for help was the bravest thing I ever did.", "## Getting help",
        "We also offer a weekly support group.",
    ):
        assert kept in body, kept
    for left_out in (
        "cookies", "About Us", "Insurance", "Posted on", "Dana Reyes", "Share on", "Email a friend",
        "Related", "Our new building", "thoughts on", "Mary", "Leave a Reply", "Post Comment",
        "Recent Posts", "Five tips", "Newsletter", "All rights reserved", "Privacy Policy",
        "Mental Health", "Depression and Substance Use: What to Know",
    ):
        assert left_out not in body, left_out
    assert fields["title"] == "Depression and Substance Use: What to Know"
    # The description is 3 sentences and 227 characters: cut after the second, within 200.
    assert fields["summary"] == ("Depression and substance use often happen together. Learn the signs, "
                                 "how the two are linked, and how treatment helps.")
    assert fields["url"] == "https://www.sunrise-clinic.example/blog/depression-and-substance-use/"
    assert fields["related"] == ["what-is-fentanyl", "opioid-withdrawal"]
    assert_validates(pack)


def test_the_pictures_are_copied_converted_and_scaled_with_their_alt_text(pack, tmp_path) -> None:
    draft = import_saved_page(str(pages.wordpress_post(tmp_path / "saved")), pack)
    fields, front, body = front_matter(draft.path)
    slug = draft.slug
    assert fields["image"] == f"media/{slug}-window.jpg"
    assert fields["image_alt"] == "A woman looking out of a window at sunrise"
    assert "window" not in body  # shown once, above the text
    assert f"![A support group sitting in a circle](../media/{slug}-group.jpg)" in body
    with Image.open(pack / fields["image"]) as photo:
        assert (photo.format, photo.size) == ("JPEG", (1600, 1067))
    with Image.open(pack / "media" / f"{slug}-group.jpg") as group:  # a WebP, now a JPEG
        assert (group.format, group.size) == ("JPEG", (900, 600))
    assert sorted(p.name for p in (pack / "media").iterdir()) == [f"{slug}-group.jpg", f"{slug}-window.jpg"]
    notes = "\n".join(line for line in front.splitlines() if line.startswith("#  - "))
    assert "2 pictures left out: pixel.gif: it is 1x1 pixels: too small to use" in notes
    assert "not-saved.jpg: it was not saved with the page (it is still on the web)" in notes


def test_links_to_articles_of_the_pack_stay_links_and_others_become_words(pack, tmp_path) -> None:
    draft = import_saved_page(str(pages.wordpress_post(tmp_path / "saved")), pack)
    _fields, front, body = front_matter(draft.path)
    assert ("Read more in our article on [opioid withdrawal](opioid-withdrawal.md), or visit the NIMH "
            "website.") in body
    assert "nimh.nih.gov" not in body
    assert ('1 link shown as plain text (not articles of this pack): "the NIMH website" '
            "(https://www.nimh.nih.gov/") in front


def test_statistics_that_name_their_source_are_suggested_commented_out(pack, tmp_path) -> None:
    draft = import_saved_page(str(pages.wordpress_post(tmp_path / "saved")), pack)
    fields, front, _body = front_matter(draft.path)
    assert "stats" not in fields  # nothing is a statistic until the author says so
    assert suggested_stats(front) == [
        {"value": "Nearly 2x",
         "label": "people with mood disorders are nearly twice as likely to also have a substance use "
                  "disorder",
         "source": "National Institute on Drug Abuse"},
        {"value": "1 in 6", "label": "adults will have depression at some time in their life",
         "source": "Centers for Disease Control and Prevention"},
    ]  # "Around 80% ..., our doctors say" names no one: not suggested
    assert ("#     # from the page: According to the National Institute on Drug Abuse, people with mood "
            "disorders are nearly twice as likely to also have a substance use disorder.") in front


def test_the_draft_opens_with_what_the_author_must_check(pack, tmp_path) -> None:
    draft = import_saved_page(str(pages.wordpress_post(tmp_path / "saved")), pack)
    lines = draft.path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "---"
    assert lines[1].startswith("# A draft made by kiosk article from-web from post.html on ")
    checks = [line for line in lines[2:] if line.startswith("#  - ")]
    assert checks[0] == "#  - the title and the summary (the summary is the page's description)"
    assert any("suggested statistics" in c for c in checks)
    assert any(c.startswith("#  - the reading level, grade ") for c in checks)
    assert any("reviewed:" in c for c in checks)


def test_a_page_builders_nested_divs(pack, tmp_path) -> None:
    page = pages.page_builder(tmp_path / "saved")
    with pytest.raises(PageRefused, match=r"articles/what-is-fentanyl\.md already exists"):
        import_saved_page(str(page), pack)  # its title's slug is another article's name
    draft = import_saved_page(str(page), pack, slug="fentanyl-made-of")
    fields, front, body = front_matter(draft.path)
    assert fields["title"] == "What Is Fentanyl?"
    assert fields["url"] == "https://www.sunrise-clinic.example/what-is-fentanyl-made-of/"
    assert fields["summary"].startswith("Fentanyl is a strong opioid. Doctors use it for severe pain")
    assert len(fields["summary"]) <= 200
    assert fields["image"].endswith("-pills.png") and fields["image_alt"] == "Small blue pills on a table"
    with Image.open(pack / fields["image"]) as pills:  # transparent: kept as PNG
        assert pills.format == "PNG" and pills.mode == "RGBA"
    assert "## Know the signs of an overdose" in body
    assert "- Very small pupils\n- Slow or no breathing\n- Cold, clammy skin and blue lips" in body
    assert "read about [withdrawal symptoms](opioid-withdrawal.md)." in body  # a relative link
    for left_out in ("Call Us", "Treatment", "Facebook", "Open 24/7", "What Is Fentanyl?"):
        assert left_out not in body, left_out
    assert suggested_stats(front) == [{
        "value": "About 50x", "label": "stronger than heroin", "source": "Drug Enforcement Administration",
    }]
    assert_validates(pack)


def test_a_page_with_a_table_of_figures(pack, tmp_path) -> None:
    draft = import_saved_page(str(pages.table_of_figures(tmp_path / "saved")), pack)
    fields, front, body = front_matter(draft.path)
    assert fields["title"] == "America's Opioid Crisis in Numbers"
    assert fields["url"] == "https://www.sunrise-clinic.example/opioid-crisis-in-numbers"
    assert (
        "| Figure | Number | Source |\n| --- | --- | --- |\n"
        "| Overdose deaths involving opioids, 2022 | 81,806 | CDC |\n"
        "| People with an opioid use disorder, 2022 | 6.1 million | SAMHSA |\n"
        "| Share of overdose deaths involving fentanyl | About 7 in 10 | CDC |"
    ) in body
    assert "1. Learn the signs of an overdose.\n2. Carry naloxone" in body
    for left_out in ("Upcoming events", "Family night", "Donate", "Privacy"):
        assert left_out not in body
    assert suggested_stats(front) == [
        {"value": "More than 80,000", "label": "people died from opioid overdoses",
         "source": "Centers for Disease Control and Prevention"},
        {"value": "6.1 million", "label": "people had an opioid use disorder that year",
         "source": "Substance Abuse and Mental Health Services Administration"},
    ]  # "Some experts say that 3 in 4 ..." names no source
    assert_validates(pack)
    rendered = validate_pack(pack)
    assert rendered.pack is not None


def test_the_command_writes_the_draft_and_says_what_to_check(pack, tmp_path) -> None:
    page = pages.table_of_figures(tmp_path / "saved")
    result = kiosk("article", "from-web", str(page), "--pack", str(pack))
    assert result.returncode == 0, result.stderr
    written = pack / "articles" / "america-s-opioid-crisis-in-numbers.md"
    assert result.stdout.startswith(f"Wrote the draft {written}")
    assert "  check: 2 suggested statistics" in result.stdout
    again = kiosk("article", "from-web", str(page), "--pack", str(pack))
    assert again.returncode == 1
    assert "this page is already articles/america-s-opioid-crisis-in-numbers.md" in again.stderr


@pytest.mark.parametrize("address", ["https://www.sunrise-clinic.example/blog/post/", "www.example.org/page"])
def test_a_web_address_is_refused_and_nothing_is_fetched(pack, address, network_guard) -> None:
    with pytest.raises(PageRefused, match=r"never reads the network.*'Save page as'"):
        import_saved_page(address, pack)
    assert network_guard.attempts == []
    result = kiosk("article", "from-web", address, "--pack", str(pack))
    assert result.returncode == 1 and "save it with 'Save page as'" in result.stderr


def test_a_list_page_and_an_empty_page_are_refused_in_plain_words(pack, tmp_path) -> None:
    listing = pages.save_page(tmp_path, "blog", pages.LIST_PAGE, f"{pages.SITE}/blog/")
    with pytest.raises(PageRefused, match=r"looks like a list of articles \(8 headings"):
        import_saved_page(str(listing), pack)
    empty = pages.save_page(tmp_path, "contact", pages.EMPTY_PAGE, f"{pages.SITE}/contact/")
    with pytest.raises(PageRefused, match=r"has almost no text of its own \(\d+ words\)"):
        import_saved_page(str(empty), pack)
    assert sorted(p.name for p in (pack / "articles").iterdir()) == [
        "opioid-withdrawal.md", "start-here.md", "what-is-fentanyl.md",
    ]


def test_other_refusals_name_the_file_and_what_to_do(pack, tmp_path) -> None:
    with pytest.raises(PageRefused, match="there is no file"):
        import_saved_page(str(tmp_path / "missing.html"), pack)
    text = tmp_path / "notes.html"
    text.write_text("just some words, no markup at all")
    with pytest.raises(PageRefused, match="is not a web page"):
        import_saved_page(str(text), pack)
    with pytest.raises(PageRefused, match=r"is not a pack.*kiosk new"):
        import_saved_page(str(pages.table_of_figures(tmp_path / "saved")), tmp_path / "nowhere")
    page = pages.table_of_figures(tmp_path / "saved")
    with pytest.raises(PageRefused, match=r"articles/start-here\.md already exists.*--slug"):
        import_saved_page(str(page), pack, slug="start-here")


def test_pictures_only_come_from_the_folder_saved_with_the_page(pack, tmp_path) -> None:
    secret = tmp_path / "secret.png"
    pages.picture(secret, (800, 600))
    html = pages.TABLE_OF_FIGURES.replace(
        "<h2>The figures</h2>", '<h2>The figures</h2><p><img src="../secret.png" alt="Not ours"></p>'
    )
    page = pages.save_page(tmp_path / "saved", "numbers", html, f"{pages.SITE}/numbers")
    (tmp_path / "saved" / "numbers_files").mkdir()
    draft = import_saved_page(str(page), pack)
    assert "secret" not in draft.path.read_text(encoding="utf-8").split("---")[2]
    assert list((pack / "media").iterdir()) == []
    assert any("secret.png: it is not in the folder saved with the page" in c for c in draft.checks)


def test_a_gif_becomes_a_png(pack, tmp_path) -> None:
    pages.picture(tmp_path / "saved" / "numbers_files" / "chart.gif", (640, 400), fmt="GIF")
    html = pages.TABLE_OF_FIGURES.replace(
        "<h2>What you can do</h2>",
        '<p><img src="numbers_files/chart.gif" alt="A bar chart"></p><h2>What you can do</h2>',
    )
    page = pages.save_page(tmp_path / "saved", "numbers", html, f"{pages.SITE}/numbers")
    draft = import_saved_page(str(page), pack)
    body = draft.path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    found = re.search(r"!\[A bar chart\]\(\.\./(media/[a-z-]+-chart\.png)\)", body)
    assert found is not None, body
    with Image.open(pack / found.group(1)) as chart:
        assert (chart.format, chart.size) == ("PNG", (640, 400))
    assert_validates(pack)


def test_a_safe_drawing_is_copied_and_an_unsafe_one_left_out(tmp_path) -> None:
    media = tmp_path / "media"
    drawing = tmp_path / "map.svg"
    drawing.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">'
                       '<rect width="400" height="300" fill="#1f6f8b"/></svg>')
    assert copy_picture(drawing, media, "map").relative == "media/map.svg"
    hostile = tmp_path / "icon.svg"
    hostile.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>')
    with pytest.raises(PictureLeftOut, match="<script>"):
        copy_picture(hostile, media, "icon")
    assert [p.name for p in media.iterdir()] == ["map.svg"]


def test_a_decompression_bomb_and_a_broken_file_are_left_out(tmp_path) -> None:
    bomb = tmp_path / "bomb.png"
    Image.new("1", (12_000, 12_000)).save(bomb)  # 144 million pixels in a few kilobytes
    with pytest.raises(PictureLeftOut, match="too large to convert safely"):
        copy_picture(bomb, tmp_path / "media", "bomb")
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff not really a picture")
    with pytest.raises(PictureLeftOut, match="not a picture"):
        copy_picture(broken, tmp_path / "media", "broken")
    assert not (tmp_path / "media").exists() or list((tmp_path / "media").iterdir()) == []
