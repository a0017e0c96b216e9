"""`kiosk pack build` and `kiosk pack keygen`: making .kioskpack files and signing keys."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import add_data_dir, why_not_written


def add_commands(commands: Any) -> None:
    """`pack build` and `pack keygen`."""
    pack = commands.add_parser("pack", help="make .kioskpack files and signing keys")
    pack_commands = pack.add_subparsers(dest="pack_command", required=True)
    build = pack_commands.add_parser("build", help="make a .kioskpack file from a pack folder")
    build.add_argument("directory", type=Path)
    build.add_argument("--out", type=Path, required=True, metavar="FILE.kioskpack")
    build.add_argument("--sign", type=Path, metavar="KEY", help="a private key from `kiosk pack keygen`")
    add_data_dir(build, "not used")
    build.set_defaults(handler=command_pack_build)
    keygen = pack_commands.add_parser("keygen", help="make a key pair for signing packs")
    keygen.add_argument("--out", type=Path, required=True, metavar="NAME",
                        help="writes NAME.key (private: keep it safe) and NAME.pub")
    add_data_dir(keygen, "not used")
    keygen.set_defaults(handler=command_pack_keygen)


def command_pack_build(args: argparse.Namespace) -> int:
    from kiosk.packs.build import build_pack
    from kiosk.packs.keys import KeyProblem
    from kiosk.packs.limits import PackRejected

    try:
        written = build_pack(args.directory, args.out, key=args.sign)
    except (PackRejected, KeyProblem) as refused:
        print(f"kiosk pack build: {refused.message}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = exc.filename or args.out
        print(f"kiosk pack build: cannot write {where}: {why_not_written(exc)}", file=sys.stderr)
        return 1
    print(written)
    return 0


def command_pack_keygen(args: argparse.Namespace) -> int:
    from kiosk.packs.keys import KeyProblem, generate_key_pair, read_public_key

    try:
        private, public = generate_key_pair(args.out)
        key_text = read_public_key(public)
    except KeyProblem as refused:
        print(f"kiosk pack keygen: {refused.message}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = exc.filename or args.out
        print(f"kiosk pack keygen: cannot write {where}: {why_not_written(exc)}", file=sys.stderr)
        return 1
    print(f"private key: {private} (keep it secret: whoever has it can sign packs)")
    print(f"public key: {public}")
    print("To install only packs signed with this key, add it to the kiosk's settings file:")
    print("[content]")
    print(f'trusted_keys = ["{key_text}"]')
    return 0
