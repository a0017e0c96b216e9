"""Reading packs from a stick: hostile zips and folders refused plainly, manifests, signatures.

Everything here is real: zips written with zipfile (bombs included), folders with symlinks and
named pipes, Ed25519 keys from `cryptography`. Hostile packs come from tests/helpers/hostile_packs.py.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import stat
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from kiosk.content.validation import validate_pack
from kiosk.packs.build import build_pack
from kiosk.packs.keys import KeyProblem, generate_key_pair, key_id, read_public_key
from kiosk.packs.limits import Limits, PackRejected
from kiosk.packs.manifest import BAD_SIGNATURE, UNSIGNED_REFUSAL, SignatureInfo
from kiosk.packs.names import CONTENT_FOLDER, MANIFEST_NAME, SIGNATURE_NAME
from kiosk.packs.opening import find_packs, open_source
from kiosk.packs.source import PackSource, SourceFile
from tests.helpers import hostile_packs as hostile
from tests.helpers.packs import assert_plain_sentence


def refusal(path: Path, limits: Limits = Limits()) -> str:  # noqa: B008
    with pytest.raises(PackRejected) as caught:
        open_source(path, limits=limits).close()
    message = caught.value.message
    assert_plain_sentence(message)
    return message


def zip_bytes(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# --- hostile packs ---------------------------------------------------------------------------


def test_the_pack_the_hostile_ones_are_made_from_is_accepted(tmp_path: Path) -> None:
    for path in (hostile.valid_zip(tmp_path), hostile.valid_folder(tmp_path)):
        with open_source(path) as source:
            assert [f.path for f in source.files] == [
                "articles/first.md", "articles/second.md", "pack.yaml",
            ]
    assert validate_pack(tmp_path / CONTENT_FOLDER).errors == []


@pytest.mark.parametrize("case", hostile.HOSTILE_ZIPS, ids=lambda case: case.name)
def test_a_hostile_zip_is_refused_with_a_plain_message_naming_it(
    tmp_path: Path, case: hostile.Hostile
) -> None:
    path = case.build(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    started = time.monotonic()
    message = refusal(path)
    assert time.monotonic() - started < 5, "refusing must not unpack anything"
    assert message.startswith(f"{path.name} was refused: ")
    for word in case.words:
        assert word in message.lower(), f"{word!r} not in {message!r}"
    assert sorted(tmp_path.rglob("*")) == before, "nothing may be written while checking"


@pytest.mark.parametrize("case", hostile.HOSTILE_FOLDERS, ids=lambda case: case.name)
def test_a_hostile_folder_is_refused_with_a_plain_message_naming_it(
    tmp_path: Path, case: hostile.Hostile
) -> None:
    path = case.build(tmp_path)
    message = refusal(path)
    assert message.startswith(f"{CONTENT_FOLDER} on {tmp_path} was refused: ")
    for word in case.words:
        assert word in message.lower(), f"{word!r} not in {message!r}"


def test_a_zip_bomb_is_small_on_disk_and_would_be_huge(tmp_path: Path) -> None:
    path = hostile.zip_bomb(tmp_path)
    assert path.stat().st_size < 1024**2
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("media/zeros.bin").file_size == 200 * 1024**2
    assert "unpacks to 1,0" in refusal(path)  # about a thousand times


def test_a_zip_bomb_under_a_higher_ratio_limit_is_only_as_big_as_it_says(tmp_path: Path) -> None:
    path = hostile.zip_bomb(tmp_path, megabytes=2)
    with open_source(path, limits=Limits(max_ratio=10_000)) as source:
        assert source.total_bytes > 2 * 1024**2
        assert source.verify_all() == []


def test_limits_can_be_lowered(tmp_path: Path) -> None:
    path = hostile.valid_zip(tmp_path)
    assert "it holds more than 2 files, which is the limit" in refusal(path, Limits(max_files=2))
    assert "more than the limit of 100 bytes" in refusal(path, Limits(max_total_bytes=100))
    folder = hostile.valid_folder(tmp_path)
    assert "more than 2 files" in refusal(folder, Limits(max_files=2))
    assert "more than 100 bytes of files, which is the limit" in refusal(
        folder, Limits(max_total_bytes=100)
    )


def test_a_zip_whose_end_record_lies_about_its_entries_is_bounded_by_size(tmp_path: Path) -> None:
    path = hostile.zip_lying_entry_count(tmp_path)
    message = refusal(path, Limits(max_files=100))
    assert "its list of contents takes" in message
    assert "far more than a pack of at most 100 files needs" in message
    with open_source(path) as source:  # within the defaults: folders are harmless
        assert len(source.files) == 3


def test_incompressible_data_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    files = hostile.pack_files() | {"media/noise.bin": os.urandom(300 * 1024)}
    path = hostile.write_zip(tmp_path / "noise.kioskpack", files)
    assert "unpacks to 301 KB, more than the limit of 200 KB" in refusal(
        path, Limits(max_total_bytes=200 * 1024)
    )


def test_a_lying_header_never_yields_more_than_it_declares(tmp_path: Path) -> None:
    path = hostile.zip_lying_size(tmp_path, declared=100)
    with open_source(path) as source:
        assert SourceFile("media/notes.txt", 100) in source.files
        received = b""
        with pytest.raises(OSError) as caught, source.open("media/notes.txt") as stream:
            while chunk := stream.read(7):
                received += chunk
        assert len(received) <= 100
        assert "media/notes.txt" in str(caught.value)
        assert source.verify_all() != []


def test_mac_and_windows_junk_is_skipped_not_refused(tmp_path: Path) -> None:
    for path in (hostile.zip_with_junk(tmp_path), hostile.folder_with_junk(tmp_path)):
        with open_source(path) as source:
            assert [f.path for f in source.files] == [
                "articles/first.md", "articles/second.md", "pack.yaml",
            ], path


def test_a_pack_inside_one_top_folder_is_read_from_that_folder(tmp_path: Path) -> None:
    with open_source(hostile.zip_with_top_folder(tmp_path)) as source:
        assert [f.path for f in source.files] == [
            "articles/first.md", "articles/second.md", "pack.yaml",
        ]
        assert source.manifest is not None
        assert source.verify_all() == []
        assert source.open("pack.yaml").read().startswith(b"format: 1")


def test_dot_slash_names_are_the_same_names(tmp_path: Path) -> None:
    files = {f"./{name}": data for name, data in hostile.pack_files().items()}
    entries = ((hostile.file_info("./" + MANIFEST_NAME), hostile.manifest_of(hostile.pack_files())),)
    path = hostile.write_zip(tmp_path / "dots.kioskpack", files, manifest={}, entries=entries)
    with open_source(path) as source:
        assert "articles/first.md" in [f.path for f in source.files]


def test_a_zip_that_is_not_a_pack_is_refused(tmp_path: Path) -> None:
    not_zip = tmp_path / "photo.kioskpack"
    not_zip.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert "damaged or is not a pack file" in refusal(not_zip)
    empty = hostile.write_zip(tmp_path / "empty.kioskpack", {"readme.txt": b"hello"})
    assert "holds no pack.yaml" in refusal(empty)
    two_tops = hostile.write_zip(
        tmp_path / "two.kioskpack", {"a/pack.yaml": b"x", "b/pack.yaml": b"y"}
    )
    assert "holds no pack.yaml, at its top or in one top folder" in refusal(two_tops)
    assert "holds no pack.yaml" in refusal(hostile.write_folder(tmp_path / "plain", {"a.md": b"x"}))
    assert "cannot be opened" in refusal(tmp_path / "gone.kioskpack")


def test_a_pack_file_that_is_a_link_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "link.kioskpack"
    link.symlink_to(hostile.valid_zip(tmp_path))
    assert "is a link" in refusal(link)
    folder_link = tmp_path / "stick" / CONTENT_FOLDER
    folder_link.parent.mkdir()
    folder_link.symlink_to(hostile.valid_folder(tmp_path), target_is_directory=True)
    assert "is a link" in refusal(folder_link)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("a//b.md", "empty part"),
        ("media/a:b.svg", "contains ':'"),
        ("media/tab\there.svg", "control character"),
        ("media/" + "x" * 256, "longer than 255 bytes"),
        ("\\\\server\\share\\x", "absolute path"),
    ],
)
def test_odd_names_are_refused(tmp_path: Path, name: str, words: str) -> None:
    files = hostile.pack_files() | {name: b"x"}
    path = hostile.write_zip(tmp_path / "odd.kioskpack", files)
    assert words in refusal(path)


def test_a_folder_name_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    root = hostile.valid_folder(tmp_path)
    (root / "media").mkdir()
    os.close(os.open(os.fsencode(root / "media") + b"/bad\xff.svg", os.O_CREAT | os.O_WRONLY))
    assert "'media/bad?.svg' has a name that is not valid text (UTF-8)" in refusal(root)


def test_a_file_and_a_folder_of_one_name_are_refused(tmp_path: Path) -> None:
    files = hostile.pack_files() | {"media": b"x", "media/a.svg": b"y"}
    path = hostile.write_zip(tmp_path / "clash.kioskpack", files)
    assert "'media' is both a file and a folder" in refusal(path)


def test_names_differing_only_in_accent_encoding_are_refused(tmp_path: Path) -> None:
    files = hostile.pack_files() | {"media/caf\u00e9.svg": b"x", "media/cafe\u0301.svg": b"y"}
    path = hostile.write_zip(tmp_path / "accents.kioskpack", files)
    assert "upper and lower case (or in accents)" in refusal(path)


def test_a_damaged_manifest_is_refused(tmp_path: Path) -> None:
    files = hostile.pack_files() | {MANIFEST_NAME: b"not a checksum  pack.yaml\n"}
    path = hostile.write_zip(tmp_path / "bad.kioskpack", files, manifest={})
    assert f"line 1 of its {MANIFEST_NAME} is not a checksum and a file name" in refusal(path)


# --- reading ---------------------------------------------------------------------------------


def test_open_reads_a_folder_file_and_refuses_unknown_paths(tmp_path: Path) -> None:
    with open_source(hostile.valid_folder(tmp_path)) as source:
        assert source.manifest is None
        assert source.signature == SignatureInfo(signed=False, key_id="", valid=False)
        assert source.open("articles/first.md").read() == (
            tmp_path / CONTENT_FOLDER / "articles" / "first.md"
        ).read_bytes()
        with pytest.raises(FileNotFoundError):
            source.open("../etc/passwd")
        assert source.verify_all() == []


def test_a_link_swapped_in_after_the_check_is_not_followed(tmp_path: Path) -> None:
    root = hostile.valid_folder(tmp_path)
    with open_source(root) as source:
        target = root / "articles" / "first.md"
        target.unlink()
        target.symlink_to("/etc/passwd")
        with pytest.raises(OSError):
            source.open("articles/first.md")
        (root / "articles").rename(root / "moved")
        (root / "articles").symlink_to(root / "moved")
        with pytest.raises(OSError):
            source.open("articles/second.md")


def test_a_file_that_shrinks_or_grows_after_the_check_is_an_error(tmp_path: Path) -> None:
    root = hostile.valid_folder(tmp_path)
    with open_source(root) as source:
        (root / "articles" / "first.md").write_bytes(b"short")
        with pytest.raises(OSError, match="ended early"), source.open("articles/first.md") as stream:
            stream.read()
        (root / "pack.yaml").write_bytes(hostile.pack_files()["pack.yaml"] + b"# more\n")
        with pytest.raises(OSError, match="larger than"), source.open("pack.yaml") as stream:
            stream.read()


def test_a_removed_file_cannot_be_opened(tmp_path: Path) -> None:
    root = hostile.valid_folder(tmp_path)
    with open_source(root) as source:
        shutil.rmtree(root)
        with pytest.raises(OSError):
            source.open("pack.yaml")
        assert len(source.verify_all()) == 3


def test_find_packs_lists_the_content_folder_then_pack_files(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    assert find_packs(stick) == []
    hostile.write_folder(stick / CONTENT_FOLDER, hostile.pack_files())
    for name in ("spring.kioskpack", "AUTUMN.KIOSKPACK", "._spring.kioskpack"):
        (stick / name).write_bytes(b"x")
    (stick / "notes.txt").write_bytes(b"x")
    (stick / "folder.kioskpack").mkdir()
    assert find_packs(stick) == [
        stick / CONTENT_FOLDER, stick / "AUTUMN.KIOSKPACK", stick / "spring.kioskpack",
    ]
    (stick / CONTENT_FOLDER / "pack.yaml").unlink()
    assert find_packs(stick) == [stick / "AUTUMN.KIOSKPACK", stick / "spring.kioskpack"]


# --- building --------------------------------------------------------------------------------


def test_build_then_open_round_trip_of_the_bundled_pack(tmp_path: Path, bundled_content: Path) -> None:
    out = build_pack(bundled_content, tmp_path / "raleigh.kioskpack")
    assert out == tmp_path / "raleigh.kioskpack"
    on_disk = sorted(
        p.relative_to(bundled_content).as_posix() for p in bundled_content.rglob("*") if p.is_file()
    )
    with open_source(out) as source:
        assert source.label == "raleigh.kioskpack"
        assert [f.path for f in source.files] == on_disk
        assert source.total_bytes == sum((bundled_content / p).stat().st_size for p in on_disk)
        assert source.signature == SignatureInfo(signed=False, key_id="", valid=False)
        assert source.verify_all() == []
        for name in on_disk:
            assert source.open(name).read() == (bundled_content / name).read_bytes()
            assert source.expected_hash(name) == hashlib.sha256(
                (bundled_content / name).read_bytes()
            ).hexdigest()
        assert source.expected_hash("nothing.md") is None
        assert source.trust_problem([]) is None


def test_the_manifest_is_what_sha256sum_writes(tmp_path: Path, bundled_content: Path) -> None:
    out = build_pack(bundled_content, tmp_path / "pack.kioskpack")
    manifest = zip_bytes(out)[MANIFEST_NAME].decode("utf-8")
    names = sorted(
        p.relative_to(bundled_content).as_posix() for p in bundled_content.rglob("*") if p.is_file()
    )
    done = subprocess.run(
        ["sha256sum", *names], cwd=bundled_content, capture_output=True, text=True, check=True
    )
    assert manifest == done.stdout
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(out) as archive:
        archive.extractall(unpacked)
    check = subprocess.run(
        ["sha256sum", "--check", "--strict", MANIFEST_NAME], cwd=unpacked,
        capture_output=True, text=True, check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_building_twice_gives_the_same_bytes(tmp_path: Path, bundled_content: Path) -> None:
    first = build_pack(bundled_content, tmp_path / "a.kioskpack").read_bytes()
    second = build_pack(bundled_content, tmp_path / "b.kioskpack").read_bytes()
    assert first == second


def test_build_skips_junk_and_replaces_an_old_manifest(tmp_path: Path) -> None:
    root = hostile.folder_with_junk(tmp_path)
    shutil.rmtree(root / ".Spotlight-V100")
    (root / MANIFEST_NAME).write_text("old\n")
    out = build_pack(root, tmp_path / "out.kioskpack")
    assert sorted(zip_bytes(out)) == [
        MANIFEST_NAME, "articles/first.md", "articles/second.md", "pack.yaml",
    ]


def test_build_refuses_what_the_kiosk_would_refuse(tmp_path: Path) -> None:
    root = hostile.folder_symlink(tmp_path)
    with pytest.raises(PackRejected, match="symlink"):
        build_pack(root, tmp_path / "out.kioskpack")
    (root / "articles" / "third.md").unlink()
    (root / "media").mkdir()
    (root / "media" / "blank.bmp").write_bytes(bytes(2 * 1024**2))
    with pytest.raises(PackRejected) as caught:
        build_pack(root, tmp_path / "out.kioskpack")
    assert caught.value.message.startswith("out.kioskpack was refused: 'media/blank.bmp' unpacks")
    assert sorted(p.name for p in tmp_path.iterdir()) == [CONTENT_FOLDER], "no file is left"
    with pytest.raises(PackRejected, match="outside the folder"):
        build_pack(root, root / "inside.kioskpack")


def test_a_tampered_file_is_found_by_verify_all(tmp_path: Path, bundled_content: Path) -> None:
    out = build_pack(bundled_content, tmp_path / "pack.kioskpack")
    contents = zip_bytes(out)
    name = "articles/americas-opioid-crisis.md"
    contents[name] = contents[name].replace(b"opioid", b"OPIOID", 1)
    tampered = tmp_path / "tampered.kioskpack"
    with zipfile.ZipFile(tampered, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in contents.items():
            archive.writestr(member, data)
    with open_source(tampered) as source:
        problems = source.verify_all()
    assert len(problems) == 1
    assert_plain_sentence(problems[0])
    assert problems[0] == (
        f"'{name}' in tampered.kioskpack does not match its checksum in {MANIFEST_NAME}: "
        "the copy is damaged."
    )


def test_a_folder_with_a_manifest_is_held_to_it(tmp_path: Path, bundled_content: Path) -> None:
    out = build_pack(bundled_content, tmp_path / "pack.kioskpack")
    root = tmp_path / CONTENT_FOLDER
    with zipfile.ZipFile(out) as archive:
        archive.extractall(root)
    with open_source(root) as source:
        assert source.manifest is not None
        assert source.verify_all() == []
    (root / "media" / "logo.svg").write_text("<svg/>")
    with open_source(root) as source:
        assert [p.split("'")[1] for p in source.verify_all()] == ["media/logo.svg"]
    (root / "articles" / "new.md").write_text("new")
    assert "'articles/new.md' is in the pack but not listed" in refusal(root)


# --- keys and signatures ---------------------------------------------------------------------


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return generate_key_pair(tmp_path / "keys" / "clinic")


def test_generate_key_pair_writes_a_private_pem_and_a_public_line(
    tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    private, public = keys
    assert (private.name, public.name) == ("clinic.key", "clinic.pub")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    line = public.read_text()
    assert line.endswith("\n") and line.count("\n") == 1
    text = line.strip()
    assert text.startswith("kiosk-ed25519:")
    raw = base64.b64decode(text.removeprefix("kiosk-ed25519:"), validate=True)
    assert len(raw) == 32
    assert key_id(text) == hashlib.sha256(raw).hexdigest()[:16]
    assert read_public_key(public) == text
    assert read_public_key(private) == text
    assert read_public_key(f"  {text}\n") == text
    with pytest.raises(KeyProblem) as caught:
        generate_key_pair(tmp_path / "keys" / "clinic")
    assert "exists already" in caught.value.message


@pytest.mark.parametrize(
    "text", ["", "kiosk-ed25519:", "kiosk-ed25519:abc", "ssh-ed25519 AAAA", "kiosk-ed25519:" + "A" * 60]
)
def test_a_malformed_public_key_is_a_key_problem(text: str) -> None:
    with pytest.raises(KeyProblem) as caught:
        key_id(text)
    assert_plain_sentence(caught.value.message)


def test_a_file_that_is_no_key_is_a_key_problem(tmp_path: Path) -> None:
    path = tmp_path / "notes.key"
    path.write_text("-----BEGIN PRIVATE KEY-----\nnonsense\n-----END PRIVATE KEY-----\n")
    with pytest.raises(KeyProblem):
        read_public_key(path)
    with pytest.raises(KeyProblem, match="cannot be read"):
        read_public_key(tmp_path / "missing.pub")
    with pytest.raises(KeyProblem):
        build_pack(hostile.valid_folder(tmp_path), tmp_path / "x.kioskpack", key=path)


def signed_pack(tmp_path: Path, key: Path) -> Path:
    return build_pack(hostile.valid_folder(tmp_path), tmp_path / "signed.kioskpack", key=key)


def test_a_signed_pack_is_accepted_by_a_kiosk_trusting_its_key(
    tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    private, public = keys
    trusted = [read_public_key(public)]
    path = signed_pack(tmp_path, private)
    signature_line = zip_bytes(path)[SIGNATURE_NAME].decode("ascii")
    assert signature_line.split(" ")[0] == key_id(trusted[0])
    assert signature_line.endswith("\n")
    with open_source(path) as source:
        assert source.signature == SignatureInfo(signed=True, key_id=key_id(trusted[0]), valid=False)
        assert source.trust_problem(trusted) is None
        assert source.trust_problem([]) is None
    with open_source(path, trusted_keys=trusted) as source:
        assert source.signature.valid
        assert source.verify_all() == []


def test_an_unsigned_pack_is_refused_when_keys_are_trusted(
    tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    trusted = [read_public_key(keys[1])]
    with open_source(hostile.valid_zip(tmp_path)) as source:
        assert source.trust_problem(trusted) == UNSIGNED_REFUSAL
        assert source.trust_problem([]) is None
    assert UNSIGNED_REFUSAL == (
        "This pack is not signed, and this kiosk only installs packs signed with its trusted keys."
    )


def test_a_pack_signed_with_another_key_is_refused_naming_the_key(
    tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    other_private, _other_public = generate_key_pair(tmp_path / "other")
    path = signed_pack(tmp_path, other_private)
    trusted = [read_public_key(keys[1])]
    with open_source(path, trusted_keys=trusted) as source:
        problem = source.trust_problem(trusted)
        assert not source.signature.valid
    other_id = key_id(read_public_key(other_private))
    assert problem is not None
    assert_plain_sentence(problem)
    assert f"signed with key {other_id}, which is not one of this kiosk's trusted keys" in problem
    assert key_id(trusted[0]) in problem


def test_a_corrupted_signature_is_refused(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    private, public = keys
    trusted = [read_public_key(public)]
    path = signed_pack(tmp_path, private)
    contents = zip_bytes(path)
    identity, encoded = contents[SIGNATURE_NAME].decode().split()
    raw = bytearray(base64.b64decode(encoded))
    raw[10] ^= 0x01
    contents[SIGNATURE_NAME] = f"{identity} {base64.b64encode(raw).decode()}\n".encode()
    corrupted = hostile.write_zip(tmp_path / "corrupted.kioskpack", contents, manifest={})
    with open_source(corrupted, trusted_keys=trusted) as source:
        assert source.signature == SignatureInfo(signed=True, key_id=identity, valid=False)
        assert source.trust_problem(trusted) == BAD_SIGNATURE


def test_content_changed_after_signing_is_refused(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    private, public = keys
    trusted = [read_public_key(public)]
    contents = zip_bytes(signed_pack(tmp_path, private))
    contents["articles/first.md"] += b"\nA line added later.\n"
    files = {k: v for k, v in contents.items() if k not in (MANIFEST_NAME, SIGNATURE_NAME)}
    entries = ((hostile.file_info(SIGNATURE_NAME), contents[SIGNATURE_NAME]),)
    changed = hostile.write_zip(tmp_path / "changed.kioskpack", files, entries=entries)
    with open_source(changed) as source:
        assert source.verify_all() == [], "the manifest was made again to match"
        assert source.trust_problem(trusted) == BAD_SIGNATURE


def test_a_damaged_signature_file_is_refused(tmp_path: Path) -> None:
    files = hostile.pack_files()
    entries = ((hostile.file_info(SIGNATURE_NAME), b"not a signature\n"),)
    path = hostile.write_zip(tmp_path / "damaged.kioskpack", files, entries=entries)
    assert f"its {SIGNATURE_NAME} is damaged" in refusal(path)


def test_malformed_trusted_keys_do_not_crash_and_are_named(
    tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    private, public = keys
    good = read_public_key(public)
    with open_source(signed_pack(tmp_path, private)) as source:
        only_bad = source.trust_problem(["not a key", ""])
        assert only_bad is not None
        assert_plain_sentence(only_bad)
        assert "'not a key' is not a kiosk public key" in only_bad
        assert source.trust_problem(["not a key", good]) is None
    other_private, _ = generate_key_pair(tmp_path / "other")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with open_source(signed_pack(elsewhere, other_private)) as source:
        problem = source.trust_problem(["not a key", good])
    assert problem is not None
    assert "trusted key 1" in problem


def test_the_pack_source_is_the_contract(tmp_path: Path) -> None:
    with open_source(hostile.valid_zip(tmp_path)) as source:
        assert isinstance(source, PackSource)
        assert source.origin == tmp_path / "valid.kioskpack"
        assert source.total_bytes == sum(f.size for f in source.files)
        assert source.manifest is not None
        assert set(source.manifest) == {f.path for f in source.files}
