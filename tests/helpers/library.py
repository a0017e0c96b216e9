"""Library packs for tests: a small one written word by word (for search and dates), and the
benchmark's generated ones (bench/_library_pack.py) of any size, with topics, pictures and
Spanish for some; and a compiled form of either, as the kiosk builds it."""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.content.loader import load_pack
from kiosk.content.model import Pack
from kiosk.library.shelf import Shelf

BENCH = Path(__file__).resolve().parents[2] / "bench"

PACK_YAML = """\
format: 1
id: test-library
version: "1"
title: Health library
languages: [en, es]
organization:
  name: Test Clinic
  phone: "555-0100"
help:
  heading: Need help?
  lines:
    - {label: Front desk, number: "555-0100"}
home:
  featured: [heart-health]
topics:
  - {id: heart, title: Heart and blood pressure}
  - {id: diabetes, title: Diabetes}
  - {id: vaccines, title: Vaccines and prevention}
translations:
  es:
    title: Biblioteca de salud
    topics:
      - {title: Corazón y presión arterial}
      - {title: Diabetes}
      - {title: Vacunas y prevención}
"""

ARTICLES = {
    "heart-health": ("Your heart and blood pressure", "How pressure works, and what the numbers mean.",
                     "heart", "A healthy heart pumps blood around the body."),
    "diabetes-basics": ("Diabetes basics", "What diabetes is, and how to live well with it.",
                        "diabetes", "Blood sugar rises when insulin does not work as it should."),
    "flu-vaccine": ("The flu vaccine", "Why a yearly vaccine protects you and your family.",
                    "vaccines", "The vaccine is offered every autumn at the clinic."),
    "kidney-care": ("Looking after your kidneys", "Kidneys filter the blood every day.",
                    "diabetes", "Too much sugar for many years can harm the kidneys. " * 20
                    + "Pressure on the kidneys rises with high blood pressure."),
    "walking": ("Walking for health", "Thirty minutes a day makes a difference.",
                "heart", "Walking lowers pressure and helps the heart. Ask about vaccines too."),
}
SPANISH = {
    "heart-health": ("Su corazón y la presión arterial", "Cómo funciona la presión y qué significan "
                     "los números.", "Un corazón sano bombea la sangre por todo el cuerpo."),
    "flu-vaccine": ("La vacuna contra la gripe", "Por qué una vacuna cada año le protege.",
                    "La vacuna se ofrece cada otoño en la clínica."),
}


def article(title: str, summary: str, topic: str, body: str, extra: str = "") -> str:
    return (f"---\ntitle: \"{title}\"\nsummary: \"{summary}\"\ntopics: [{topic}]\n{extra}---\n"
            f"{body}\n")


def write_library(root: Path, extras: dict[str, str] | None = None) -> Path:
    """The small library: five articles in three topics, two in Spanish. `extras` adds front
    matter lines (dates) to articles by slug."""
    (root / "articles").mkdir(parents=True)
    (root / "media").mkdir()
    (root / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    for slug, (title, summary, topic, body) in ARTICLES.items():
        text = article(title, summary, topic, body, (extras or {}).get(slug, ""))
        (root / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    for slug, (title, summary, body) in SPANISH.items():
        topic = ARTICLES[slug][2]
        (root / "articles" / f"{slug}.es.md").write_text(article(title, summary, topic, body),
                                                        encoding="utf-8")
    return root


def generated(root: Path, articles: int) -> Path:
    """The benchmark's generated library of `articles` articles in 8 topics."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    from _library_pack import generate  # bench/ is no package: its scripts run from there

    return generate(root, articles).root


def loaded(root: Path) -> Pack:
    result = load_pack(root)
    assert result.pack is not None, "\n".join(map(str, result.errors))
    return result.pack


def compiled(root: Path, data: Path) -> Pack:
    pack = Shelf(data).load(root)
    assert pack is not None
    assert type(pack.articles).__name__ == "CompiledCatalogue"
    return pack
