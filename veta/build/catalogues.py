"""`python -m veta.build.catalogues`: extract and update Veta's gettext catalogues with Babel.

- Interface catalogues, `locale/<lang>/LC_MESSAGES/ui.po` (app.py, pages/, ui/) and `veta.po` (veta/): the
  messages marked with `_()`, `N_()`, `ngettext()` and `pgettext()` in the code.
- Content catalogues, `locale/<lang>/content/<name>.po`: every text of `veta.translate.content_texts`.

Existing translations are kept; an entry whose English is gone becomes obsolete (`#~`), so its old translation
stays at hand for the new English. `--check` changes nothing and exits 1 if any catalogue is out of date or has
an untranslated or fuzzy entry, naming each.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from veta.i18n import INTERFACE_DOMAINS, LANGUAGES, LOCALE_DIR, catalogue_path
from veta.paths import PROJECT_DIR
from veta.translate import ContentText, content_catalogue_path

KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
"""The marking functions of `veta.i18n`, as Babel's extractor takes them."""
DOMAIN_SOURCES: dict[str, tuple[str, ...]] = {"ui": ("app.py", "pages", "ui"), "veta": ("veta",)}
"""Which code each interface catalogue covers (paths relative to the project)."""
EXCLUDED = ("veta/build/",)
HEADER_COMMENT = """\
# Veta: {domain} in {language}. Extracted and updated with `python -m veta.build.catalogues` (Babel).
# Only Veta's own words are translated: the interview's quotes and passages stay in English (CC BY-NC-ND 3.0)."""
"""Code whose messages are for maintainers, not users (kept in English)."""


def extract_interface(domain: str, project_dir: Path = PROJECT_DIR) -> Catalog:
    """A template catalogue of the messages marked in one domain's code."""
    template = Catalog(project="Veta", domain=domain, charset="utf-8", fuzzy=False)
    for source in DOMAIN_SOURCES[domain]:
        path = project_dir / source
        if path.is_file():
            found = extract_from_dir(path.parent, [(path.name, "python")], keywords=KEYWORDS)
            prefix = ""
        else:
            found = extract_from_dir(path, [("**.py", "python")], keywords=KEYWORDS)
            prefix = f"{source}/"
        for filename, lineno, message, comments, context in found:
            location = f"{prefix}{filename}"
            if location.startswith(EXCLUDED):
                continue
            template.add(message, None, [(location, lineno)], auto_comments=comments, context=context)
    return template


def content_template(texts: Iterable[ContentText], catalogue: str) -> Catalog:
    """A template catalogue of one content catalogue's English texts."""
    template = Catalog(project="Veta", domain=catalogue, charset="utf-8", fuzzy=False)
    for text in texts:
        if text.catalogue == catalogue:
            template.add(text.english, None, [(text.file, 0)], context=text.context)
    return template


def _updated(template: Catalog, path: Path, language: str) -> Catalog:
    """The catalogue at `path` brought up to date with `template`, translations kept (a new one if missing)."""
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
    else:
        catalog = Catalog(
            locale=language,
            domain=template.domain,
            header_comment=HEADER_COMMENT.format(domain=template.domain, language=language),
            project="Veta",
            version="1",
            copyright_holder="Veta's authors",
            msgid_bugs_address="",
            last_translator="Veta's authors",
            language_team=f"Veta ({language})",
            charset="utf-8",
            fuzzy=False,
        )
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False, update_creation_date=False)
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=116, omit_header=False, sort_output=False, include_lineno=False)
    return buffer.getvalue()


def _untranslated(catalog: Catalog, path: Path) -> list[str]:
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if message.fuzzy or not all(strings):
            label = f"[{message.context}] " if message.context else ""
            missing.append(f"{path}: untranslated{' (fuzzy)' if message.fuzzy else ''}: {label}{message.id!r}")
    return missing


def planned_catalogues(texts: Sequence[ContentText], locale_dir: Path = LOCALE_DIR) -> dict[Path, Catalog]:
    """Every catalogue of every language other than English, as it should be written."""
    planned: dict[Path, Catalog] = {}
    for language in LANGUAGES[1:]:
        for domain in INTERFACE_DOMAINS:
            path = catalogue_path(language, domain, locale_dir)
            planned[path] = _updated(extract_interface(domain), path, language)
        for catalogue in dict.fromkeys(t.catalogue for t in texts):
            path = content_catalogue_path(language, catalogue, locale_dir)
            planned[path] = _updated(content_template(texts, catalogue), path, language)
    return planned


def check_catalogues(texts: Sequence[ContentText], locale_dir: Path = LOCALE_DIR) -> list[str]:
    """What is wrong with the catalogues: out of date with the code or data, untranslated or fuzzy entries."""
    problems: list[str] = []
    for path, catalog in planned_catalogues(texts, locale_dir).items():
        shown = path.relative_to(PROJECT_DIR) if path.is_relative_to(PROJECT_DIR) else path
        if not path.exists() or path.read_bytes() != _po_bytes(catalog):
            problems.append(f"{shown}: out of date; run python -m veta.build.catalogues")
        problems += _untranslated(catalog, shown)
    return problems


def shipped_content_texts() -> list[ContentText]:
    """The content texts of the shipped atlas, tours and glossary."""
    from veta.atlas import load_atlas
    from veta.glossary import load_glossary
    from veta.tours import TOURS_DIR, load_tours
    from veta.translate import content_texts

    atlas = load_atlas()
    return content_texts(atlas, load_tours(TOURS_DIR, atlas)[0], load_glossary(atlas.seed))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m veta.build.catalogues", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything is out of date")
    args = parser.parse_args(argv)
    texts = shipped_content_texts()
    if args.check:
        problems = check_catalogues(texts)
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s)" if problems else "OK: every catalogue is up to date and translated")
        return 1 if problems else 0
    for path, catalog in planned_catalogues(texts).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        data = _po_bytes(catalog)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
            print(f"wrote {path.relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
