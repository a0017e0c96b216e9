"""Checks several parts of a pack share: a picture named in a field, a web address, a slug."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.content.fields import Fields
from kiosk.content.pack_paths import UnsafePathError, resolve_inside
from kiosk.content.pictures import image_problem

WEB_ADDRESS = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def read_web_address(fields: Fields, key: str) -> str | None:
    address = fields.text(key, required=False)
    if address is not None and not WEB_ADDRESS.match(address):
        fields.error(key, f"'{fields.where(key)}' must be a web address starting with https://")
        return None
    return address


def read_picture(root: Path, fields: Fields, whose: str) -> tuple[Path | None, str]:
    """The fields 'image' and 'image_alt': the checked picture (None: none, or refused) and its
    description; `whose` names the picture in the warning when the description is missing."""
    written = fields.text("image", required=False)
    image = check_image_field(root, fields, "image", written) if written else None
    alt = fields.text("image_alt", required=False) or ""
    if written and not alt:
        fields.warning("image", f"{whose} has no 'image_alt'; describe it in a few words")
    return image, alt


def check_image_field(root: Path, fields: Fields, key: str, written: str) -> Path | None:
    try:
        path = resolve_inside(root, written)
    except UnsafePathError as exc:
        fields.error(key, f"the image path {exc}")
        return None
    if not path.is_relative_to((root / "media").resolve()):
        fields.error(key, f"images must be in the pack's media/ folder; move '{written}' there")
        return None
    problem = image_problem(path, written)
    if problem:
        fields.error(key, problem)
        return None
    return path


def unknown_slug_message(where: str, slug: str, slugs: set[str]) -> str:
    known = ", ".join(sorted(slugs)) or "none"
    return f"'{where}' names '{slug}', but there is no articles/{slug}.md (articles: {known})"
