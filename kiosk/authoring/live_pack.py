"""A pack as `kiosk preview` shows it while an author writes: always something to show, and
only what changed read again.

Unlike `kiosk run` and an import, which refuse a pack with any error, the preview builds what
can be shown: an article with errors is replaced by a page listing its problems, and a pack.yaml
that cannot be read by stand-in words. `apply(paths)` reads again only the files saved: one
article of a 300-article pack is one file read, one article rendered and measured (and its
translations compared with it again); the cross-article rules (related articles, home.featured and
home.order) are checked again on the articles already in memory. A new or deleted article file,
or new languages in pack.yaml, change what every article may name: then every article is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.authoring.reading_checks import GradeLimit, read_grade_limit
from kiosk.authoring.reading_level import ReadingLevel, measure, too_hard_message
from kiosk.content.articles import load_article, load_articles
from kiosk.content.catalogue import MemoryCatalogue
from kiosk.content.fields import Fields
from kiosk.content.model import DEFAULT_LANGUAGE, Article, HelpInfo, HelpLine, Organization, Pack
from kiosk.content.pack_files import read_yaml_file
from kiosk.content.pack_yaml import PACK_FILE, build_pack
from kiosk.content.problems import Problem, ProblemList, Severity
from kiosk.content.render import ArticleRenderer
from kiosk.content.topics import declared_topic_ids, warn_about_topics
from kiosk.content.translations import read_languages, read_pack_texts
from kiosk.content.validation import body_image_problems
from kiosk.content.yaml_source import YamlDocument

PLACEHOLDER_SLUG = "no-articles-yet"


@dataclass
class _ArticleFile:
    """One article file as last read: the article (None with errors) and its problems."""

    relative: str
    slug: str
    language: str | None  # None for the original, else the translation's language
    article: Article | None = None
    problems: list[Problem] = field(default_factory=list)
    checked: list[Problem] | None = None  # rendering's problems, once rendered
    level: ReadingLevel | None = None
    measured: bool = False


@dataclass
class Reload:
    """What one `apply` did: files read again, and whether every article was."""

    files_read: list[str] = field(default_factory=list)
    everything: bool = False


class LivePack:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._doc: YamlDocument | None = None
        self._languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
        self._files: dict[str, _ArticleFile] = {}
        self._limit = GradeLimit()
        self._pack_problems: list[Problem] = []
        self.pack: Pack
        self.reload_everything()

    # Reading --------------------------------------------------------------------------------

    def reload_everything(self) -> Reload:
        self._read_pack_yaml()
        problems = ProblemList()
        articles, slugs, translations = load_articles(self.root, self._languages, problems,
                                                      self._topic_ids())
        by_path: dict[str, list[Problem]] = {}
        for problem in problems.items:
            by_path.setdefault(problem.path, []).append(problem)
        self._files = {}
        folder = self.root / "articles"
        for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            relative = f"articles/{path.name}"
            slug, _dot, lang = path.name.removesuffix(".md").partition(".")
            article = translations.get(lang, {}).get(slug) if lang else articles.get(slug)
            problems_here = by_path.pop(relative, [])
            self._files[relative] = _ArticleFile(relative, slug, lang or None, article, problems_here)
        self._loose_problems = [p for problems in by_path.values() for p in problems]
        del slugs
        self._assemble()
        return Reload(sorted(self._files), everything=True)

    def _topic_ids(self) -> list[str] | None:
        """The topics pack.yaml declares, for checking the articles' topics (None: unread)."""
        return declared_topic_ids(self._doc) if self._doc is not None else None

    def apply(self, changed: Iterable[Path]) -> Reload:
        """Read again what these saved (or deleted) files change."""
        relatives = {self._relative(path) for path in changed} - {None}
        article_paths = {r for r in relatives if r is not None and r.startswith("articles/")}
        if PACK_FILE in relatives:
            languages = self._languages
            self._read_pack_yaml()
            if self._languages != languages:
                return self.reload_everything()
        added_or_gone = {
            r for r in article_paths if r.endswith(".md") and (r in self._files) != (self.root / r).is_file()
        }
        if added_or_gone:
            return self.reload_everything()
        reload = Reload()
        for relative in sorted(article_paths):
            if relative in self._files:
                reload.files_read += self._reload_file(relative)
        media = {r for r in relatives if r is not None and r.startswith("media/")}
        if media:
            self._forget_checks_of_articles_showing(media)
        if PACK_FILE in relatives:
            reload.files_read.append(PACK_FILE)
            for file in self._files.values():
                file.checked = None  # the accent, the help box: every page is rendered again anyway
        self._assemble()
        return reload

    def _reload_file(self, relative: str) -> list[str]:
        """One article file; an original's translations are compared with it again."""
        file = self._files[relative]
        slugs = {f.slug for f in self._files.values() if f.language is None}
        original = None
        if file.language is not None:
            original_file = self._files.get(f"articles/{file.slug}.md")
            original = original_file.article if original_file is not None else None
        problems = ProblemList()
        file.article = load_article(self.root, relative, file.slug, slugs, problems, original,
                                    topics=self._topic_ids())
        file.problems = problems.items
        file.checked, file.measured = None, False
        read = [relative]
        if file.language is None:
            for other in self._files.values():
                if other.slug == file.slug and other.language is not None:
                    read += self._reload_file(other.relative)
        return read

    def _read_pack_yaml(self) -> None:
        problems = ProblemList()
        self._doc = read_yaml_file(self.root, PACK_FILE, problems)
        self._languages = (
            read_languages(self._doc, problems) if self._doc is not None else (DEFAULT_LANGUAGE,)
        )
        self._yaml_problems = problems.items
        self._limit = read_grade_limit(self.root)

    def _relative(self, path: Path) -> str | None:
        try:
            relative = Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None
        return relative

    def _forget_checks_of_articles_showing(self, media: set[str]) -> None:
        names = {Path(m).name for m in media}
        for file in self._files.values():
            article = file.article
            if article is not None and (
                any(name in article.body for name in names)
                or (article.image is not None and article.image.name in names)
            ):
                file.checked = None
                if file.language is None:
                    self._reload_file(file.relative)  # its picture is checked as it is read

    # Building the pack ----------------------------------------------------------------------

    def _assemble(self) -> None:
        originals = {f.slug: f for f in self._files.values() if f.language is None}
        slugs = set(originals)
        articles = {
            slug: file.article or _problem_page(file) for slug, file in sorted(originals.items())
        }
        translations: dict[str, dict[str, Article]] = {}
        for file in self._files.values():
            if file.language in self._languages[1:] and file.slug in slugs:
                translations.setdefault(file.language, {})[file.slug] = file.article or _problem_page(file)
        problems = ProblemList()
        pack = None
        if self._doc is not None:
            pack = build_pack(self.root, self._doc, articles, slugs, problems)
            top = Fields(self._doc, PACK_FILE, problems, (), self._doc.data)
            texts = read_pack_texts(top, self._languages, pack.title if pack else None,
                                    pack.help if pack else None, pack.topics if pack else ())
            if pack is not None:
                pack = replace(pack, languages=self._languages, language=self._languages[0],
                               translations=translations, texts=texts)
                warn_about_topics(top, pack.topics, articles, problems)
        self.pack = pack or _stand_in_pack(self.root, articles, translations, self._languages)
        self._pack_problems = self._yaml_problems + problems.items
        self._check_articles()

    def _check_articles(self) -> None:
        """Render and measure the articles not checked since they were read."""
        renderers: dict[str, ArticleRenderer] = {}
        for file in self._files.values():
            if file.article is None or (file.checked is not None and file.measured):
                continue
            language = file.language or self.pack.default_language
            if language not in self.pack.languages:
                continue
            if file.checked is None:
                localized = self.pack.localized(language)
                renderer = renderers.setdefault(language, ArticleRenderer(localized))
                own = f"articles/{file.slug}.md"
                rendered = [
                    replace(p, path=file.relative) if p.path == own else p
                    for p in renderer.render(file.slug).problems
                ]
                pictures = body_image_problems(localized, renderer, file.slug, file.relative)
                file.checked = rendered + pictures
            if not file.measured:
                file.level = measure(file.article.body, language, file.article.body_first_line)
                file.measured = True

    # What the author sees -------------------------------------------------------------------

    @property
    def problems(self) -> list[Problem]:
        """Every problem of the pack: errors first, then warnings, each by file and line."""
        found = list(self._pack_problems) + self._loose_problems + list(self._limit.problems)
        for file in self._files.values():
            found += file.problems + (file.checked or [])
            if file.level is not None and file.level.above(self._limit.grade):
                message = too_hard_message(file.level, self._limit.grade, self._limit.set_by_pack)
                found.append(Problem(file.relative, 1, message, Severity.WARNING))
        unique = list(dict.fromkeys(found))
        return sorted(unique, key=lambda p: (p.severity is Severity.WARNING, p.path, p.line))

    @property
    def levels(self) -> dict[str, ReadingLevel]:
        return {f.relative: f.level for f in self._files.values() if f.level is not None}

    @property
    def broken(self) -> set[str]:
        """Files shown as a page of their problems instead of their article."""
        return {f.relative for f in self._files.values() if f.article is None}


def _problem_page(file: _ArticleFile) -> Article:
    """What the preview shows in place of an article with errors: its problems."""
    listed = "\n".join(f"- line {p.line}: {_escaped(p.message)}" for p in file.problems if p.is_error)
    return Article(
        slug=file.slug, title=f"{file.relative} cannot be shown yet",
        summary="The preview shows its problems here. Fix them and save the file.",
        body=f"A kiosk would not show this pack until these problems are fixed:\n\n{listed}\n",
        source_path=Path(file.relative),
    )


def _escaped(text: str) -> str:
    return "".join(f"\\{c}" if c in "\\`*_[]<>#" else c for c in text)


def _stand_in_pack(
    root: Path, articles: dict[str, Article], translations: dict[str, dict[str, Article]],
    languages: tuple[str, ...],
) -> Pack:
    """pack.yaml cannot be read yet: stand-in words, so the articles can still be previewed."""
    if not articles:
        articles = {PLACEHOLDER_SLUG: Article(
            slug=PLACEHOLDER_SLUG, title="This pack has no articles yet",
            summary="Add an article to the articles folder.",
            body="Add a file such as `articles/welcome.md`, or make one with `kiosk article from-web`.\n",
            source_path=root / "articles",
        )}
    return Pack(
        root=root, format=1, id="preview", version="-", title="pack.yaml has problems: see the list",
        organization=Organization(name="(name in pack.yaml)", phone="-"),
        help=HelpInfo(heading="(help in pack.yaml)", lines=(HelpLine("(help.lines in pack.yaml)", "-"),)),
        featured=(next(iter(articles)),), articles=MemoryCatalogue(articles), languages=languages,
        language=languages[0], translations=translations,
    )


def is_pack_file(relative: str) -> bool:
    """Whether a saved file is one the preview follows: pack.yaml, articles/*.md, media/*."""
    parts = relative.split("/")
    if any(part.startswith(".") for part in parts) or relative.endswith(("~", ".tmp", ".swp")):
        return False  # editors' and our own temporary files
    if relative == PACK_FILE:
        return True
    if len(parts) == 2 and parts[0] == "articles":
        return parts[1].endswith(".md")  # badly named ones too: the loader says what is wrong
    return parts[0] == "media"
