"""What `treaty cache info` and `treaty cache clear` print: where the store is, what it holds."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from treatycli.dataset.store import StoreInfo
from treatycli.output.render import inert


def store_info_json(info: StoreInfo) -> dict[str, Any]:
    """The store's description as plain JSON values (keys stable: scripts read them)."""
    return {
        "folder": None if info.folder is None else str(info.folder),
        "in_use": info.in_use,
        "why_not": info.why_not or None,
        "size_bytes": info.size,
        "entries": [
            {
                "file": entry.path.name,
                "size_bytes": entry.size,
                "last_used": entry.last_used.isoformat(timespec="seconds"),
                "valid": entry.treaties is not None,
                "treaties": entry.treaties,
                "data_files": list(entry.files),
                "built": entry.built or None,
            }
            for entry in info.entries
        ],
    }


def write_store_info(info: StoreInfo, as_json: bool) -> None:
    out = sys.stdout
    if as_json:
        out.write(json.dumps(store_info_json(info), indent=2, ensure_ascii=False) + "\n")
        return
    if info.folder is None:
        out.write(f"store: none ({inert(info.why_not)})\n")
        return
    state = "in use" if info.in_use else f"not used: {info.why_not}"
    out.write(f"store: {inert(info.folder)} ({inert(state)})\n")
    count = len(info.entries)
    out.write(f"size: {info.size:,} bytes in {count} entr{'y' if count == 1 else 'ies'}\n")
    for entry in info.entries:
        used = entry.last_used.strftime("%Y-%m-%d %H:%M UTC")
        if entry.treaties is None:
            what = "does not check out: rebuilt when next needed"
        else:
            what = f"{entry.treaties:,} treaties, built {entry.built}"
        out.write(f"  {entry.path.name[:16]}…  {entry.size:,} bytes  {what}  last used {used}\n")
        for name in entry.files:
            out.write(f"      {inert(name)}\n")


def write_cleared(folder: Path | None, removed: int, as_json: bool) -> None:
    if as_json:
        answer = {"folder": None if folder is None else str(folder), "removed": removed}
        sys.stdout.write(json.dumps(answer, indent=2, ensure_ascii=False) + "\n")
        return
    where = "no store folder" if folder is None else inert(folder)
    sys.stdout.write(f"removed {removed} file{'' if removed == 1 else 's'} from {where}\n")
