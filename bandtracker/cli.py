"""Command line: the window by default, subcommands to export and import without opening it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bandtracker import APP_NAME, __version__
from bandtracker.paths import ENV_DATA_DIR, resolve_data_dir

EXPORT_FORMATS = ("csv", "json", "ics")


def _folder(text: str) -> Path:
    # Path("") is the current folder: an empty --data-dir is a mistake, not a choice.
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a folder (it was empty)")
    return Path(text)


def build_parser() -> argparse.ArgumentParser:
    # --data-dir is declared on the main parser and on each subcommand (with SUPPRESS as the
    # default so neither overwrites the other) to be accepted before or after the subcommand.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=_folder,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help=f"folder holding bandtracker.db (default: ${ENV_DATA_DIR}, else the platform's "
        "app-data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="bandtracker",
        parents=[common],
        description=f"{APP_NAME}: tick off your mini-band hip and glute routine. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    export = commands.add_parser(
        "export",
        parents=[common],
        help="write the history to a file or stdout: csv (one row per set), json (everything), "
        "ics (calendar)",
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, default="csv")
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="file to write (default: stdout)"
    )
    imp = commands.add_parser(
        "import",
        parents=[common],
        help="merge a CSV or JSON export into the history, all or nothing",
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    # Data safety commands (issue 6): they work on the file itself, so none needs the window.
    commands.add_parser(
        "backup",
        parents=[common],
        help="take a verified backup now (safe while the window is open)",
    )
    restore = commands.add_parser(
        "restore",
        parents=[common],
        help="replace the database by a verified backup, keeping the current file aside",
    )
    restore.add_argument("file", type=Path, metavar="FILE")
    commands.add_parser(
        "check", parents=[common], help="check the database; exits with 1 when it is damaged"
    )
    # Folder sync (issue 14): one merge with the sync folder, without the window.
    sync = commands.add_parser(
        "sync",
        parents=[common],
        help="merge with the sync folder once (--folder DIR also sets it; --off turns sync off)",
    )
    where = sync.add_mutually_exclusive_group()
    where.add_argument("--folder", type=Path, metavar="DIR", help="the folder a sync tool carries")
    where.add_argument("--off", action="store_true", help="stop syncing (the folder is left as is)")
    # Desktop integration (issue 7): a menu entry and icon in the user's XDG folders.
    desktop = commands.add_parser(
        "install-desktop",
        help="add Band Tracker to the desktop's application menu (Linux and other XDG desktops)",
    )
    desktop.add_argument(
        "--remove", action="store_true", help="take the menu entry and icon away again"
    )
    return parser


def _install_desktop(args: argparse.Namespace) -> int:
    from bandtracker import desktop_entry

    if sys.platform.startswith(("win", "darwin")):
        return _fail("install-desktop is for Linux (freedesktop) desktops.")
    try:
        if args.remove:
            removed = desktop_entry.uninstall()
            for path in removed:
                print(f"Removed {path}")
            if not removed:
                print("Nothing to remove: the menu entry was not installed.")
            return 0
        entry, icon = desktop_entry.install()
    except OSError as exc:
        return _fail(f"Could not write the menu entry: {exc.strerror or exc}")
    print(f"Wrote {entry}\nWrote {icon}")
    return 0


def _fail(message: str) -> int:
    print(f"bandtracker: {message}", file=sys.stderr)
    return 1


def _export(args: argparse.Namespace) -> int:
    from bandtracker.store.files import write_text_atomically
    from bandtracker.store.transfer.formats import EXPORTERS, counted

    produce, what = EXPORTERS[args.format]
    if args.output is None:
        produce(sys.stdout)
        sys.stdout.flush()
        return 0
    count = write_text_atomically(args.output, produce)
    print(f"Wrote {counted(count, what)} to {args.output}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from bandtracker.store.transfer.formats import import_file

    print(import_file(args.file).describe())
    return 0


def _backup(args: argparse.Namespace) -> int:
    from bandtracker.store.safety.backup import take_backup

    info = take_backup(args.data_dir)
    print(f"Backed up to {info.path}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from bandtracker.store.safety.backup import restore_backup

    print(restore_backup(args.data_dir, args.file).describe())
    return 0


def _check(args: argparse.Namespace) -> int:
    from bandtracker.store.safety.recovery import health_report

    healthy, text = health_report(args.data_dir)
    print(text)
    return 0 if healthy else 1


FILE_COMMANDS = {"backup": _backup, "restore": _restore, "check": _check}


def _open_for(args: argparse.Namespace) -> None:
    from bandtracker.store.db import open_database, open_for_reading
    from bandtracker.store.errors import DamagedDatabaseError, NewerDatabaseError, StoreError

    try:
        open_database(args.data_dir)
    except (NewerDatabaseError, DamagedDatabaseError):
        raise
    except StoreError:
        if args.command != "export":
            raise
        # Exporting only reads: it may run beside the open window, and from a folder (or a
        # full or read-only disk) where nothing can be written.
        open_for_reading(args.data_dir)


def _sync(args: argparse.Namespace) -> int:
    from bandtracker.i18n import N_
    from bandtracker.store.db import write
    from bandtracker.store.sync.engine import Syncer
    from bandtracker.store.sync.local import set_folder

    if args.off or args.folder is not None:
        with write(N_("save the sync folder")):
            folder = set_folder(None if args.off else args.folder, args.data_dir)
        if folder is None:
            print("Sync is off.")
            return 0
    report = Syncer(args.data_dir).run()
    for skipped in report.skipped:
        print(skipped, file=sys.stderr)
    print(report.summary())
    return 0


def _check_data_dir(args: argparse.Namespace) -> None:
    from bandtracker.i18n import Message
    from bandtracker.store.errors import StoreError

    if args.data_dir.exists() and not args.data_dir.is_dir():
        raise StoreError(
            Message(
                "{folder} is a file, not a folder: --data-dir names the folder that holds "
                "bandtracker.db.",
                folder=str(args.data_dir),
            )
        )


# `check` answers 1 for a damaged database only; it could not look: 2.
CHECK_FAILED = 2


def run_command(args: argparse.Namespace) -> int:
    from bandtracker.store.db import DATABASE_ERRORS, close_database
    from bandtracker.store.errors import StoreError, explain

    try:
        _check_data_dir(args)
        if args.command in FILE_COMMANDS:
            return FILE_COMMANDS[args.command](args)
        _open_for(args)
        try:
            return {"export": _export, "import": _import, "sync": _sync}[args.command](args)
        except DATABASE_ERRORS as exc:
            # A page that fails to read (damage the quick look at the open did not reach).
            raise explain(exc, f"{args.command} the data") from exc
        finally:
            close_database()
    except StoreError as exc:
        _fail(str(exc))
        return CHECK_FAILED if args.command == "check" else 1
    except BrokenPipeError:
        # `bandtracker export | head` closing the pipe early is not an error worth a traceback.
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Resolved once: the flag (before or after the command), the environment, or the platform.
    args.data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    if args.command == "install-desktop":
        return _install_desktop(args)
    if args.command is None:
        return open_window(args.data_dir)
    return run_command(args)


def open_window(data_dir: Path) -> int:
    """The window: PySide's import check is sped up first, as every widget module pays it."""
    from bandtracker.ui.pyside_imports import speed_up_pyside_import_hook

    speed_up_pyside_import_hook()
    from bandtracker.ui.app import run_gui

    return run_gui(data_dir)


if __name__ == "__main__":
    sys.exit(main())
