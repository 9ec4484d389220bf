"""The ``kansli`` command.

Own sub-commands are listed in ``COMMANDS``; every other word is handed to Django's management
utility, so ``kansli createsuperuser`` or ``kansli shell`` work as ``manage.py`` would.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date

DEMO_HOST = "127.0.0.1"
DEMO_PORT = 8000


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansli.settings")
    import django

    django.setup()


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2025-12-03"
        ) from None


def cmd_deadlines(argv: Sequence[str]) -> int:
    """Lagstadgade datum för anslag och överklagande (JSON)."""
    parser = argparse.ArgumentParser(
        prog="kansli deadlines",
        description="Skriver ut de lagstadgade datumen som JSON: sista dag för anslag, "
        "överklagandetidens sista dag och när anslaget får tas ned.",
    )
    parser.add_argument("--posted", type=_iso_date, help="dagen då protokollet anslogs")
    parser.add_argument("--adjusted", type=_iso_date, help="dagen då protokollet justerades")
    args = parser.parse_args(argv)
    if args.posted is None and args.adjusted is None:
        parser.error("ange --posted DATUM eller --adjusted DATUM (eller båda)")
    from kansli.law import deadlines

    try:
        result = deadlines(posted=args.posted, adjusted=args.adjusted)
    except ValueError as exc:
        parser.error(str(exc))
    print(json.dumps(result, ensure_ascii=False))
    return 0


def cmd_schema(argv: Sequence[str]) -> int:
    """Protokollmodellens JSON Schema."""
    argparse.ArgumentParser(
        prog="kansli schema", description="Skriver ut protokollmodellens JSON Schema."
    ).parse_args(argv)
    from kansli.minutes import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


def _server_args(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--host", default=DEMO_HOST)
    parser.add_argument("--port", type=int, default=DEMO_PORT)
    parser.add_argument("--threads", type=int, default=8)
    return parser


def _serve(host: str, port: int, threads: int) -> int:
    import waitress

    from kansli.wsgi import application

    print(f"Kansli kör på http://{host}:{port}/  (avsluta med Ctrl+C)", flush=True)
    try:
        waitress.serve(application, host=host, port=port, threads=threads, ident="Kansli")
    except OSError as exc:
        print(
            f"Kunde inte starta webbservern på {host}:{port}: {exc.strerror}. "
            "Är porten redan upptagen? Välj en annan med --port.",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_serve(argv: Sequence[str]) -> int:
    """Startar webbservern."""
    args = _server_args("kansli serve", "Startar webbservern.").parse_args(argv)
    _setup_django()
    return _serve(args.host, args.port, args.threads)


def cmd_demo(argv: Sequence[str]) -> int:
    """Laddar exempelkommunen och startar webbservern."""
    parser = _server_args(
        "kansli demo",
        "Skapar (eller återanvänder) databasen i KANSLI_HOME, laddar exempelkommunen och "
        "startar webbservern.",
    )
    parser.add_argument("--no-serve", action="store_true", help="ladda data men starta inte")
    args = parser.parse_args(argv)
    # The demo has no mail server: kallelser, expediering and reminders are printed instead.
    os.environ.setdefault("KANSLI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from kansli.demo import DEMO_USERS, load_demo

    call_command("migrate", interactive=False, verbosity=0)
    summary = load_demo()
    print(f"Data: {settings.DATA_DIR}")
    print(f"Öppna http://{args.host}:{args.port}/ i webbläsaren.")
    print(summary)
    print("Inloggningar (användarnamn / lösenord):")
    for user in DEMO_USERS:
        print(f"  {user.group:<20} {user.username:<14} {user.password}")
    if args.no_serve:
        return 0
    return _serve(args.host, args.port, args.threads)


def cmd_import(argv: Sequence[str]) -> int:
    """Läser in protokoll och kallelser (PDF/text)."""
    parser = argparse.ArgumentParser(
        prog="kansli import",
        description="Läser protokoll och kallelser (PDF, .txt, .md, mappar) till strukturerade "
        "poster.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument(
        "--json", action="store_true", help="skriv ut JSON i stället för att spara i databasen"
    )
    parser.add_argument(
        "--ocr", choices=("auto", "always", "never"), default="auto",
        help="läs sidor med OCR (Tesseract): auto = sidor utan användbart textlager "
        "(standard), always = alla sidor, never = inga",
    )
    args = parser.parse_args(argv)
    from kansli.reading.cli import run_json

    if args.json:
        return run_json(args.paths, ocr=args.ocr)
    _setup_django()
    from kansli.meetings.importing import run_import

    return run_import(args.paths, ocr=args.ocr)


def cmd_verify(argv: Sequence[str]) -> int:
    """Kontrollerar underskrifterna i en signerad PDF."""
    parser = argparse.ArgumentParser(
        prog="kansli verify",
        description="Listar varje underskrift i en PDF och säger om filen är oförändrad sedan "
        "den sista underskriften. Slutkod 0: intakt; 1: ändrad eller osignerad; 2: oläsbar.",
    )
    parser.add_argument("file", metavar="FIL.pdf")
    parser.add_argument(
        "--trust", action="append", default=[], metavar="CA.pem",
        help="certifikat (PEM eller DER) för en betrodd utfärdare; kan anges flera gånger",
    )
    args = parser.parse_args(argv)
    from pathlib import Path

    from kansli.writing.verify import verify_main

    roots = []
    for name in args.trust:
        try:
            roots.append(Path(name).read_bytes())
        except OSError as exc:
            parser.error(f"kan inte läsa certifikatet {name}: {exc.strerror}")
    return verify_main(args.file, trust_roots=roots or None)


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "demo": cmd_demo,
    "serve": cmd_serve,
    "deadlines": cmd_deadlines,
    "schema": cmd_schema,
    "import": cmd_import,
    "verify": cmd_verify,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    if not argv or argv[0] in ("-h", "--help"):
        print("Användning: kansli KOMMANDO [...]\n\nKansli-kommandon:")
        for name, fn in COMMANDS.items():
            print(f"  {name:<10} {(fn.__doc__ or '').strip()}")
        print("\nÖvriga kommandon går till Django, t.ex. 'kansli migrate', 'kansli createsuperuser'.")
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansli.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kansli", *argv])
    return 0


if __name__ == "__main__":  # python -m kansli.cli
    sys.exit(main())
