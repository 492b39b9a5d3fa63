"""The attachment commands of ``python -m energy call`` (energy/cli.py adds them):
``call attachments REFERENCE`` lists an application's files, ``call attachment ID --out FILE``
saves one. They parse and print; the work is :mod:`energy.call.attachments`'."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from energy.core.access import CLI_ACTOR
from energy.core.errors import NotFound


def _ready() -> None:
    """A store at the current schema (imported here: ``--help`` loads no database code)."""
    from energy.store.db import ensure_store

    ensure_store()


def add_commands(p_call: Any) -> None:
    """The attachment subcommands, on the ``call`` command's subparsers ``p_call``."""
    p = p_call.add_parser("attachments", help="list the files attached to an application")
    p.add_argument("reference", help="the application's reference, e.g. 2027-05-007")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_attachments)
    p = p_call.add_parser("attachment", help="save one attached file (its id from `attachments`)")
    p.add_argument("id", type=int, help="the attachment's id")
    p.add_argument("--out", required=True, metavar="FILE", help="ending as the file's type")
    p.set_defaults(handler=cmd_attachment)


def cmd_attachments(args: argparse.Namespace) -> int:
    from energy.call import applications, attachments

    _ready()
    reference = args.reference.strip()
    found = [a for a in applications.list_applications(CLI_ACTOR) if a.reference == reference]
    if not found:
        raise NotFound("call.err_unknown_application", ref=reference)
    files = attachments.list_attachments(CLI_ACTOR, found[0].id)
    if args.json:
        rows = [
            {
                "id": f.id, "kind": f.kind, "file_name": f.file_name, "media_type": f.media_type,
                "size_bytes": f.size_bytes, "sha256": f.sha256, "uploaded_by": f.uploaded_by,
                "uploaded_at": f.uploaded_at.isoformat(),
            }
            for f in files
        ]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not files:
        print(f"{reference}: no files attached")
    for f in files:
        print(
            f"{f.id:>6}  {f.kind:<7} {f.type_name:<13} {f.size_bytes:>10,} B  "
            f"{f.uploaded_at:%Y-%m-%d %H:%M}Z  {f.file_name}"
        )
    return 0


def cmd_attachment(args: argparse.Namespace) -> int:
    from energy.call import attachments
    from energy.call.attachment_checks import FILE_TYPES
    from energy.core.output import safe_output_path, write_atomically

    _ready()
    file = attachments.read_attachment(CLI_ACTOR, args.id)
    endings = FILE_TYPES[file.info.media_type][0]
    out = safe_output_path(Path(args.out), endings)
    write_atomically(out, file.content)
    print(f"wrote {out} ({file.info.file_name}, {file.info.size_bytes:,} bytes)")
    return 0
