"""A generated library pack: realistic titles and summaries in 8 topics, ~900-word bodies,
statistics with sources, photo-sized pictures (a few distinct ones, reused), Spanish for some.

Used by bench/library.py (packs of 10, 100 and 1,000 articles) and `make demo` (about 120):

    .venv/bin/python bench/_library_pack.py OUT_DIR [--articles 120] [--seed 7]

The words are made up from phrase banks, deterministic for a seed: good enough to lay out,
search and measure, not to read as medical advice (every article says so at its top).
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

TOPICS = (
    ("heart", "Heart and blood pressure", "Corazón y presión arterial",
     ("high blood pressure", "cholesterol", "heart failure", "a heart attack", "a stroke",
      "atrial fibrillation", "chest pain", "heart rhythm", "salt in your food", "blood thinners",
      "heart medicines", "cardiac rehab")),
    ("diabetes", "Diabetes", "Diabetes",
     ("type 2 diabetes", "blood sugar", "insulin", "prediabetes", "foot care with diabetes",
      "the A1C test", "low blood sugar", "diabetes and your eyes", "carbohydrates",
      "diabetes medicines", "gestational diabetes", "checking your glucose")),
    ("pregnancy", "Pregnancy and new parents", "Embarazo y recién nacidos",
     ("prenatal visits", "morning sickness", "breastfeeding", "the first weeks at home",
      "postpartum depression", "safe sleep for babies", "vitamins in pregnancy",
      "your birth plan", "warning signs in pregnancy", "feeding your newborn",
      "a car seat", "going back to work")),
    ("children", "Children's health", "Salud infantil",
     ("vaccines for children", "fever in children", "ear infections", "asthma in children",
      "screen time", "healthy snacks", "childhood sleep", "a child's cough", "head lice",
      "growth checks", "teething", "allergies in children")),
    ("mental-health", "Mental health", "Salud mental",
     ("depression", "anxiety", "panic attacks", "grief", "stress at work", "sleep problems",
      "talking therapy", "antidepressants", "loneliness", "burnout", "mood swings",
      "a crisis plan")),
    ("substance-use", "Alcohol and drugs", "Alcohol y drogas",
     ("alcohol", "opioids", "fentanyl", "naloxone", "quitting smoking", "vaping",
      "cannabis", "withdrawal", "recovery support", "medication for addiction",
      "helping a family member", "overdose")),
    ("older-adults", "Older adults", "Personas mayores",
     ("falls at home", "memory changes", "hearing loss", "many medicines", "bone health",
      "caregiving", "staying active", "vision changes", "incontinence", "advance care planning",
      "loneliness in later life", "arthritis")),
    ("everyday-health", "Everyday health", "Salud cotidiana",
     ("flu vaccines", "hand washing", "a cold or the flu", "back pain", "headaches",
      "healthy eating", "walking more", "sun safety", "drinking water", "a good night's sleep",
      "antibiotics", "a healthy weight")),
)
ANGLES = (
    "What to know about {s}", "Understanding {s}", "{S}: questions to ask your care team",
    "Living well with {s}", "{S}: myths and facts", "When to get help for {s}",
    "{S} for caregivers", "Talking with your family about {s}", "{S}: first steps",
    "{S} and your daily routine", "Getting ready for a visit about {s}", "{S} in plain words",
    "Small changes that help with {s}", "{S}: what the tests mean", "Your questions about {s}",
    "{S} on a budget", "{S} at work and at school", "{S}: a guide for new patients",
)
ANGLES_ES = (
    "Lo que debe saber sobre {s}", "Entender {s}", "{S}: preguntas para su equipo de salud",
    "Vivir bien con {s}", "{S}: mitos y verdades", "Cuándo pedir ayuda por {s}",
)
SOURCES = (
    "Centers for Disease Control and Prevention (CDC)", "National Institutes of Health (NIH)",
    "World Health Organization", "American Heart Association", "American Diabetes Association",
    "National Institute of Mental Health",
)
SENTENCES = (
    "Many people live with {s} and feel well most days.",
    "Your care team can help you make a plan that fits your life.",
    "It is normal to have questions, and no question is too small.",
    "Write down what you notice and bring the list to your next visit.",
    "Small steps, taken every day, often make the biggest difference.",
    "Ask a family member or a friend to come with you if that helps.",
    "Some medicines work best when they are taken at the same time each day.",
    "If something feels wrong, call the clinic; you do not have to wait for your next visit.",
    "Eating well, moving more and sleeping enough help with {s} too.",
    "Everyone is different, so what works for one person may not work for another.",
    "Tell your nurse about any other medicines, vitamins or herbs you take.",
    "Free and low-cost help is available; the front desk can tell you where.",
    "Keep a copy of your plan at home, where you and your family can find it.",
    "Changes can take a few weeks to show, so keep going even when progress feels slow.",
)
SENTENCES_ES = (
    "Muchas personas viven con {s} y se sienten bien la mayoría de los días.",
    "Su equipo de salud puede ayudarle a hacer un plan que se adapte a su vida.",
    "Es normal tener preguntas, y ninguna pregunta es demasiado pequeña.",
    "Anote lo que nota y traiga la lista a su próxima cita.",
    "Pasos pequeños, dados cada día, suelen marcar la mayor diferencia.",
    "Si algo no se siente bien, llame a la clínica; no tiene que esperar a su próxima cita.",
    "Hay ayuda gratuita o de bajo costo; en la recepción le dirán dónde.",
)
SUBJECTS_ES = dict(zip((subject for topic in TOPICS for subject in topic[3]), (
    "la presión arterial alta", "el colesterol", "la insuficiencia cardíaca", "un ataque al corazón",
    "un derrame cerebral", "la fibrilación auricular", "el dolor de pecho", "el ritmo del corazón",
    "la sal en su comida", "los anticoagulantes", "los medicamentos para el corazón",
    "la rehabilitación cardíaca",
    "la diabetes tipo 2", "el azúcar en la sangre", "la insulina", "la prediabetes",
    "el cuidado de los pies con diabetes", "la prueba A1C", "el azúcar bajo",
    "la diabetes y sus ojos", "los carbohidratos", "los medicamentos para la diabetes",
    "la diabetes del embarazo", "la medición de la glucosa",
    "las citas prenatales", "las náuseas del embarazo", "la lactancia",
    "las primeras semanas en casa", "la depresión posparto", "el sueño seguro del bebé",
    "las vitaminas en el embarazo", "su plan de parto", "las señales de alarma en el embarazo",
    "la alimentación del recién nacido", "la silla del auto", "la vuelta al trabajo",
    "las vacunas para niños", "la fiebre en los niños", "las infecciones de oído",
    "el asma en los niños", "el tiempo frente a pantallas", "los refrigerios sanos",
    "el sueño infantil", "la tos de un niño", "los piojos", "los controles de crecimiento",
    "la dentición", "las alergias en los niños",
    "la depresión", "la ansiedad", "los ataques de pánico", "el duelo", "el estrés en el trabajo",
    "los problemas de sueño", "la terapia", "los antidepresivos", "la soledad", "el agotamiento",
    "los cambios de ánimo", "un plan para una crisis",
    "el alcohol", "los opioides", "el fentanilo", "la naloxona", "dejar de fumar", "el vapeo",
    "el cannabis", "la abstinencia", "el apoyo para la recuperación",
    "los medicamentos para la adicción", "ayudar a un familiar", "la sobredosis",
    "las caídas en casa", "los cambios de memoria", "la pérdida de audición",
    "muchos medicamentos", "la salud de los huesos", "el cuidado de un familiar",
    "mantenerse activo", "los cambios en la vista", "la incontinencia",
    "la planificación anticipada", "la soledad en la vejez", "la artritis",
    "las vacunas contra la gripe", "el lavado de manos", "un resfriado o la gripe",
    "el dolor de espalda", "los dolores de cabeza", "la alimentación sana", "caminar más",
    "la protección del sol", "beber agua", "dormir bien", "los antibióticos", "un peso saludable",
), strict=True))
PICTURES = ("blue", "green", "amber", "rose")
PICTURE_SIZE = (2400, 1600)


@dataclass(frozen=True)
class Generated:
    root: Path
    articles: int
    translated: int


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def write_pictures(media: Path, seed: int) -> list[str]:
    """A few photo-sized JPEGs (2400x1600, about 1 MB each), as a camera would give them."""
    from PIL import Image, ImageDraw, ImageFilter

    names = []
    colours = {"blue": (40, 90, 140), "green": (60, 120, 70), "amber": (190, 130, 40),
               "rose": (170, 80, 100)}
    for name in PICTURES:
        path = media / f"photo-{name}.jpg"
        names.append(f"media/{path.name}")
        if path.exists():
            continue
        noise = Image.effect_noise(PICTURE_SIZE, 40 + seed % 7).convert("RGB")
        base = Image.new("RGB", PICTURE_SIZE, colours[name])
        picture = Image.blend(base, noise, 0.25).filter(ImageFilter.GaussianBlur(0.6))
        draw = ImageDraw.Draw(picture)
        for step in range(12):
            shade = tuple(min(255, c + 12 * step) for c in colours[name])
            draw.ellipse((200 * step, 300 + 40 * step, 200 * step + 900, 1200 + 40 * step), fill=shade)
        picture.save(path, quality=88)
    return names


def generate(root: Path, articles: int, *, seed: int = 7, spanish_every: int = 6) -> Generated:
    """Write a pack of `articles` articles into `root` (emptied first)."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "articles").mkdir(parents=True)
    (root / "media").mkdir()
    pictures = write_pictures(root / "media", seed)
    titles: set[str] = set()
    slugs: list[str] = []
    translated = 0
    combos = [(topic, subject, angle) for angle in ANGLES for topic in TOPICS for subject in topic[3]]
    rng.shuffle(combos)
    for index in range(articles):
        topic, subject, angle = combos[index % len(combos)]
        title = angle.format(s=subject, S=capitalised(subject))
        if title in titles:
            title = f"{title} ({index // len(combos) + 1})"
        titles.add(title)
        slug = f"{topic[0]}-{index:04d}"
        slugs.append(slug)
        others = [t[0] for t in TOPICS if t[0] != topic[0]]
        topics = [topic[0]] + ([rng.choice(others)] if rng.random() < 0.2 else [])
        text = article_text(rng, title, subject, topics, pictures[index % len(pictures)], index)
        (root / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
        if index % spanish_every == 0:
            translated += 1
            spanish_subject = SUBJECTS_ES[subject]
            spanish = spanish_text(rng, spanish_subject, pictures[index % len(pictures)], text)
            (root / "articles" / f"{slug}.es.md").write_text(spanish, encoding="utf-8")
    (root / "pack.yaml").write_text(pack_yaml(slugs, pictures), encoding="utf-8")
    return Generated(root, articles, translated)


def article_text(
    rng: random.Random, title: str, subject: str, topics: list[str], picture: str, index: int
) -> str:
    summary = f"Plain answers about {subject}: what it is, what you can do, and when to call us."
    stats = ""
    if index % 3 == 0:
        number = rng.choice(("1 in 3", "About 40%", "Up to 80%", "2 out of 5", "Nearly half"))
        stats = (f"stats:\n  - {{value: \"{number}\", label: of adults are affected by {subject}, "
                 f"source: \"{rng.choice(SOURCES)}\"}}\n")
    front = (
        f"---\ntitle: \"{title}\"\nsummary: \"{summary}\"\nimage: {picture}\n"
        f"image_alt: A calm photograph in soft colours\ntopics: [{', '.join(topics)}]\n{stats}"
        "takeaway:\n  - Write your questions down before your visit.\n"
        "  - Call the clinic if something feels wrong.\n"
    )
    if index % 50 == 7:  # a few seasonal articles
        front += "show_from: 2026-10-01\nshow_until: 2027-03-31\n"
    body = [f"*General information, not advice about your own care.*\n\n## About {subject}\n"]
    for section in ("What it is", "What you can do", "When to call us", "Questions to ask"):
        body.append(f"\n## {section}\n")
        for _ in range(4):
            body.append(" ".join(rng.choice(SENTENCES).format(s=subject) for _ in range(5)) + "\n")
        if section == "What you can do":
            body.append("\n- Keep a short diary.\n- Bring a friend.\n- Ask for a printed copy.\n")
    return front + "---\n" + "\n".join(body)


def spanish_text(rng: random.Random, subject: str, picture: str, original: str) -> str:
    """A Spanish translation: its own words, the original's statistics (numbers and sources)."""
    title = rng.choice(ANGLES_ES).format(s=subject, S=capitalised(subject))
    stats = "".join(
        line.split(", label:")[0] + f", label: de los adultos tienen que ver con {subject}, source:"
        + line.split(", source:")[1] + "\n" if line.startswith("  - {value:") else line + "\n"
        for line in original.splitlines() if line.startswith(("stats:", "  - {value:"))
    )
    summary = f"Respuestas claras sobre {subject}: qué es, qué puede hacer y cuándo llamarnos."
    body = [f"## Sobre {subject}\n"]
    for _ in range(14):
        body.append(" ".join(rng.choice(SENTENCES_ES).format(s=subject) for _ in range(5)) + "\n")
    return (f"---\ntitle: \"{capitalised(title)}\"\nsummary: \"{summary}\"\nimage: {picture}\n"
            f"image_alt: Una fotografía tranquila en colores suaves\n{stats}---\n" + "\n".join(body))


def pack_yaml(slugs: list[str], pictures: list[str]) -> str:
    topic_lines = "".join(
        f"  - {{id: {tid}, title: \"{title}\", image: {pictures[n % len(pictures)]}, "
        f"image_alt: A calm photograph for {title.lower()}}}\n"
        for n, (tid, title, _es, _subjects) in enumerate(TOPICS)
    )
    spanish_topics = "".join(f"      - {{title: \"{es}\"}}\n" for _tid, _t, es, _s in TOPICS)
    return (
        "format: 1\nid: demo-library\nversion: \"2026.12.03\"\ntitle: Your health library\n"
        "languages: [en, es]\norganization:\n  name: Riverside Community Health\n"
        "  phone: \"555-0100\"\n  website: https://example.org\n"
        "help:\n  heading: Need to talk to someone now?\n  lines:\n"
        "    - {label: Our front desk, number: \"555-0100\"}\n"
        "    - {label: 988 Suicide & Crisis Lifeline, number: \"988\"}\n"
        f"home:\n  featured: [{slugs[0]}]\n"
        f"topics:\n{topic_lines}"
        "translations:\n  es:\n    title: Su biblioteca de salud\n    help:\n"
        "      heading: ¿Necesita hablar con alguien ahora?\n      lines:\n"
        "        - {label: Nuestra recepción}\n"
        "        - {label: 988 Línea de Prevención del Suicidio y Crisis}\n"
        f"    topics:\n{spanish_topics}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    made = generate(args.out, args.articles, seed=args.seed)
    print(f"{made.root}: {made.articles} articles in {len(TOPICS)} topics, {made.translated} in Spanish")


if __name__ == "__main__":
    main()
