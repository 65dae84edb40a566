"""The `clausewise` command line: it only turns options into calls of the application layer
(`clausewise.app`) and prints what comes back.

    options.py          the options commands share (database, dates, formats, -o, --semantic)
    output.py           printing: warnings, rows, reports in any registered format, progress bars
    views.py            the text views of a document and of a comparison
    documents.py        read, compare
    store_commands.py   add, councils, history, review, reviews, amend, remove, export, import, db upgrade
    report_commands.py  report divergence|redline|reviews|matrix|history
    batch.py            align-all: every alignment the corpus reports need, in parallel
    update.py           update: a new model version's changes proposed for a council's policy
    demo.py             demo
    serve.py            serve: the web app (clausewise.web)

Each command's module is imported only when that command runs (`COMMANDS` below), so
`clausewise --help` and a comparison of two files do not load the database, the web app or the
report renderers. Library errors (`ClausewiseError`) become one line on stderr and exit code 2, with the
command-line way to fix them added; click's own usage errors are one line too, pointing to
--help. Set CLAUSEWISE_DEBUG=1 to see a traceback instead.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from clausewise import __version__
from clausewise.errors import ClausewiseError, Needs

# Every command: the module that defines it, and the one line `clausewise --help` shows for it
# (tests/clausewise/test_startup.py checks each line is the command's own first help line).
COMMANDS: dict[str, tuple[str, str]] = {
    "add": ("store_commands", "Store policy files as versions of a council's policy."),
    "align-all": ("batch", "Align each council's current version with every model version, where not stored yet."),
    "amend": (
        "store_commands",
        "Correct a stored version's details: its label, adoption date, body or minute, or review date.",
    ),
    "compare": ("documents", "Align the clauses of two policies and list what changed."),
    "councils": ("store_commands", "List the councils in the database, with how many policies and versions each has."),
    "db": ("store_commands", "Manage the database itself."),
    "demo": ("demo", "Add the shipped corpus to a fresh database and write every report from it."),
    "export": ("store_commands", "Write the whole database to a JSON file (read back with `clausewise import`)."),
    "history": ("store_commands", "Show a council's versions of a policy over time and what changed at each."),
    "import": ("store_commands", "Load a JSON export into an empty database."),
    "read": ("documents", "Read a policy (.pdf, .docx, .odt, .txt, .md, .html) and print its outline and metadata."),
    "remove": ("store_commands", "Remove a version stored by mistake, with its clauses, reviews and comparisons."),
    "report": ("report_commands", "Reports for committee papers, each in the formats its --help lists."),
    "review": ("store_commands", "Record a review that kept the current text unchanged, and its next review date."),
    "reviews": ("store_commands", "List current versions overdue for review, due soon, or with no review date."),
    "serve": (
        "serve",
        "Open clausewise in the browser: compare files, see every council's policies, record reviews, "
        "add versions, download reports.",
    ),
    "update": ("update", "Propose the changes a new model version made for a council's adapted policy."),
}

# What to tell a clerk for each value a library error says it needs (`ClausewiseError.needs`).
HINTS: dict[Needs, str] = {
    "council": "give --council NAME",
    "policy": "give --policy NAME (or COUNCIL:POLICY in a reference)",
    "version": "give --version LABEL",
    "stored council": "`clausewise councils` lists them",
    "model": "add the model with `clausewise add FILE --model`",
    "database": "check --db or CLAUSEWISE_DB",
    "empty database": "give --db NEW.db",
    "force": "check it, or give --force to store it anyway",
    "amend": "use `clausewise amend` to correct it",
}


# A file name may hold a newline or a terminal escape: shown escaped, the error stays one line.
_CONTROL = {code: f"\\x{code:02x}" for code in (*range(32), 127) if code != 9}

UNEXPECTED = (
    "clausewise failed unexpectedly and nothing was changed; this is a bug: please report it "
    "with what the same command prints when run with CLAUSEWISE_DEBUG=1"
)


def error_line(error: ClausewiseError) -> str:
    """The library's message, and the command-line way to fix it."""
    return f"{error.message}; {HINTS[error.needs]}" if error.needs else error.message


class _Group(click.Group):
    """Every failure as one line on stderr and exit code 2: library errors with the command-line
    way to fix them, click's usage errors pointing to --help, and — never expected, so said as a
    bug — anything else. CLAUSEWISE_DEBUG=1 shows the traceback instead. Commands are loaded
    from `COMMANDS` when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"{__name__}.{COMMANDS[cmd_name][0]}")
        command: click.Command = next(c for c in module.COMMANDS if c.name == cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from `COMMANDS`, without importing every command's module."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, line) for name, (_, line) in sorted(COMMANDS.items())])

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except ClausewiseError as exc:
            self._fail(ctx, error_line(exc), exc.exit_code)
        except click.UsageError as exc:
            # As the clerk types it, whatever name the program was started under.
            where = " ".join(["clausewise", *(exc.ctx.command_path.split()[1:] if exc.ctx is not None else [])])
            self._fail(ctx, f"{exc.format_message().rstrip('.')}; see `{where} --help`", exc.exit_code)
        except BrokenPipeError:  # the reader went away (`clausewise export - | head`): not an error
            sys.stderr.close()
            ctx.exit(0)
        except Exception:  # the last line of defence: a bug, said as one
            self._fail(ctx, UNEXPECTED, 2)

    @staticmethod
    def _fail(ctx: click.Context, line: str, code: int) -> None:
        if os.environ.get("CLAUSEWISE_DEBUG"):
            raise
        click.echo(f"clausewise: error: {line.translate(_CONTROL)}", err=True)
        ctx.exit(code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clausewise")
def cli() -> None:
    """Compare and version council policy documents.

    \b
    Examples:
      clausewise demo                                   # every report from the shipped corpus
      clausewise compare model-protocol.pdf our-protocol.docx
      clausewise add our-protocol.pdf --policy "Councillor-Officer Protocol"
      clausewise report divergence "Our Town Council" -o divergence.html
    """


def main(argv: list[str] | None = None) -> None:
    entry: Callable[..., Any] = cli
    entry(args=argv if argv is not None else sys.argv[1:], prog_name="clausewise")
