"""What the parts of a .mil/.gov news-page scrape look like, as tables.

The plain-text reader (:mod:`renderer.ingest.text`) walks the scrape line by line and asks
these rules what each line is: site chrome to drop, a kicker, a byline, a dateline, a
date line. Keeping the patterns here, as data, means a new site variant is one table row,
not another ``if`` in the reader.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass


def _table(words: str) -> frozenset[str]:
    return frozenset(words.split())


# ------------------------------------------------------------------------ dates

# Month names (and abbreviations) per language, as they are printed in datelines and
# kickers. Only names that mean the same month in every language they occur in are listed
# (English "mar" and Spanish "mar." are both March); ambiguous or clipped forms are left out.
_MONTH_TABLES: dict[str, tuple[str, ...]] = {
    "en": (
        "january jan", "february feb", "march mar", "april apr", "may", "june jun",
        "july jul", "august aug", "september sept sep", "october oct", "november nov",
        "december dec",
    ),
    "fr": (
        "janvier janv", "février fevrier févr fevr", "mars", "avril avr", "mai", "juin",
        "juillet juil", "août aout", "septembre sept", "octobre oct", "novembre nov",
        "décembre decembre déc dec",
    ),
    "es": (
        "enero ene", "febrero", "marzo", "abril abr", "mayo", "junio", "julio",
        "agosto ago", "septiembre setiembre", "octubre", "noviembre", "diciembre dic",
    ),
    "de": (
        "januar jänner", "februar", "märz maerz", "april", "mai", "juni", "juli", "august",
        "september", "oktober okt", "november", "dezember dez",
    ),
    "it": (
        "gennaio gen", "febbraio", "marzo", "aprile", "maggio mag", "giugno giu", "luglio lug",
        "agosto ago", "settembre", "ottobre ott", "novembre", "dicembre",
    ),
    "pt": (
        "janeiro", "fevereiro fev", "março marco", "abril", "maio", "junho", "julho",
        "agosto ago", "setembro", "outubro", "novembro", "dezembro",
    ),
    "nl": (
        "januari", "februari", "maart mrt", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ),
}  # fmt: skip


def _month_table() -> dict[str, int]:
    months: dict[str, int] = {}
    for rows in _MONTH_TABLES.values():
        for number, row in enumerate(rows, start=1):
            for name in row.split():
                assert months.setdefault(name, number) == number, name  # unambiguous
    return months


MONTHS: dict[str, int] = _month_table()

# Weekdays that may open a date ("Tuesday, May 5, 2015", "mercredi 6 mai 2015").
WEEKDAYS = _table(
    """
    monday tuesday wednesday thursday friday saturday sunday
    lundi mardi mercredi jeudi vendredi samedi dimanche
    lunes martes miércoles miercoles jueves viernes sábado sabado domingo
    montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag
    lunedì martedì mercoledì giovedì venerdì sabato domenica
    segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    """
)

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH = rf"(?i:(?:{_MONTH_NAMES})\b\.?)"
_WEEKDAY = rf"(?i:(?:{'|'.join(sorted(WEEKDAYS, key=len, reverse=True))}),?\s+)"
# "6", "6th", "1er" (fr), "6." (de), "1º" (es).
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|º|\.)?"
# Spanish and Portuguese join day, month and year with "de": "6 de mayo de 2015".
_DE = r"(?:de\s+|del\s+)?"
# A date as news pages print it: AP style ("Sept. 3, 2019"), full month, military
# ("3 September 2019"), day first in French, Spanish, German, Italian, Portuguese or Dutch
# ("6 mai 2015", "6 de mayo de 2015", "6. Mai 2015", "3 marzo 2020", "3 maart 2020") or ISO.
# No groups, so it can be embedded.
DATE = (
    rf"(?:{_WEEKDAY}?{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|{_WEEKDAY}?{_DAY}\s+(?i:de\s+)?{MONTH},?\s+(?i:{_DE})\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
)

_DATE_FORMS = (
    re.compile(
        rf"{_WEEKDAY}?(?P<m>(?i:{_MONTH_NAMES}))\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
    ),
    re.compile(
        rf"{_WEEKDAY}?(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?\s+(?i:de\s+)?"
        rf"(?P<m>(?i:{_MONTH_NAMES}))\.?,?\s+(?i:{_DE})(?P<y>\d{{4}})"
    ),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
)


def parse_date(text: str) -> _dt.date | None:
    """The calendar date ``text`` spells out entirely, or None (also for "Feb. 30, 2018")."""
    text = " ".join(text.split())
    for form in _DATE_FORMS:
        m = form.fullmatch(text)
        if m is None:
            continue
        month = m["m"]
        month_no = int(month) if month.isdigit() else MONTHS[month.lower()]
        try:
            return _dt.date(int(m["y"]), month_no, int(m["d"]))
        except ValueError:
            return None
    return None


def find_date(text: str) -> _dt.date | None:
    """The first complete date inside ``text`` (e.g. in a dateline), or None."""
    for m in re.finditer(DATE, text):
        found = parse_date(m.group())
        if found is not None:
            return found
    return None


# ------------------------------------------------------------------ site chrome

# Phrases of the U.S. government site banner. A line made only of these phrases (in any
# order, glued together or not) is chrome; the named group ``publisher``, when present
# and not generic, names who runs the site.
BANNER_PHRASES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"An official website of the United States government\.?",
        r"Here(?:['’]s|s| is) how you know\.?",
        r"Official websites use \.(?:gov|mil)\.?",
        r"A \.(?:gov|mil) website belongs to an official (?P<publisher>.+?) organization"
        r" in the United States\.?",
        r"Secure \.(?:gov|mil) websites use HTTPS\.?",
        r"A lock \([^)]*\) or https:// means .*?(?:website|site)\.",
        r"Share sensitive information only on official, secure websites\.?",
        r"(?:The )?\.(?:gov|mil) means it['’]s official\.?",
        r"Federal government websites (?:often|always) end in \.gov or \.mil\.?",
        r"Before sharing sensitive information, make sure you['’]re on a federal government"
        r" site\.?",
        r"The site is secure\.?",
        r"The https:// ensures that you are connecting to the official website and that any"
        r" information you provide is encrypted and transmitted securely\.?",
    )
)

# Banner publishers that say nothing about who runs the site.
GENERIC_PUBLISHERS = frozenset({"government", "federal government", "u.s. government"})

# The first crumb of a breadcrumb trail ("Home > News", "Accueil > Actualités"), per language.
HOME_WORDS = ("Home", "Accueil", "Inicio", "Portada", "Startseite", "Início", "Página inicial")
_HOME = "|".join(re.escape(w) for w in HOME_WORDS)

_SOCIAL = (
    r"Share(?: This(?: Page| Story| Article)?)?|Print(?: This(?: Page| Story| Article)?)?|"
    r"E-?mail|Facebook|Twitter|X|LinkedIn|Pinterest|Reddit|WhatsApp|Tweet|Copy Link|Link|"
    # French, Spanish, German share and print buttons.
    r"Partager(?: cet article| sur)?|Imprimer(?: cet article)?|Envoyer|Copier le lien|"
    r"Compartir(?: en)?|Imprimir|Enviar|Copiar enlace|"
    r"Teilen|Drucken|Link kopieren|Artikel teilen|"
    # Italian, Portuguese, Dutch.
    r"Condividi|Stampa|Copia link|Partilhar|Compartilhar|Copiar link|Delen|Afdrukken|"
    r"Link kopiëren"
)

# Whole lines that are navigation or sharing widgets, wherever they occur.
CHROME_LINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"Skip to (?:main )?content(?:\s*\(Press Enter\)\.?)?",
        r"Skip navigation(?: links)?",
        r"Aller au contenu(?: principal)?|Passer au contenu(?: principal)?|Ir al contenido"
        r"(?: principal)?|Saltar al contenido(?: principal)?|Zum (?:Haupt)?[Ii]nhalt springen"
        r"|Direkt zum Inhalt|Vai al contenuto(?: principale)?|Salta al contenuto(?: principale)?"
        r"|Ir para o conteúdo(?: principal)?|Saltar para o conteúdo(?: principal)?"
        r"|Naar (?:de )?(?:hoofd)?inhoud|Direct naar (?:de )?(?:hoofd)?inhoud",
        r"Toggle navigation|Main menu|Menu|Search|Close|Back to top",
        # Breadcrumbs: "Home > News > Article View", "Home / News / Stories".
        rf"(?:{_HOME})\s*(?:>|/|»|›|\|)\s*.*",
        r"[^>»›]{1,40}(?:\s*[>»›]\s*[^>»›]{1,40}){2,}",
        # "Share", "Print", "Facebook Twitter LinkedIn Email", "Share: Facebook | X".
        rf"(?:{_SOCIAL})(?:\s*(?:[:|/,·•]\s*)?(?:{_SOCIAL}))*\s*[:|]?",
        r"(?:Photo|Image) Details:?|Download(?: Full)? Image:?|Hide Caption|Show Caption",
        # A photo viewer's controls: "1 / 2 Show Caption +Hide Caption –", "VIEW ORIGINAL",
        # "Image 1 of 3", "Photo Details | Download", a credit repeated on its own line.
        r"(?:(?:Image|Photo)\s+)?(?:\d+\s*(?:/|of)\s*\d+\s*)?"
        r"(?:(?:Show|Hide) Caption\s*[+–—-]?\s*)+",
        r"View Original|(?:Image|Photo) \d+ of \d+|(?:Photo|Image) Details\s*\|\s*Download",
        r"\((?:Photo|Image) Credit:[^()]*\)",
        # Archive and historical-collection notices, at the top or the bottom of the page:
        # "This is archived content from the U.S. Department of Defense (DoD) website. …",
        # "This page is part of a historical collection and is no longer updated."
        r"Archived?(?: (?:Content|Page|Web Page|Article|Story|News Release|Material))?\s*:?",
        r"This is (?:an )?archived (?:content|page|web page|article|story|news release|"
        r"material|document)\b.*",
        r"This (?:page|article|story|content|item|release|document|site|material)"
        r" (?:is|has been|was) (?:archived|part of (?:a|an|the) (?:historical|archived?)"
        r" (?:collection|archive|record))\b.*",
        r"(?:This|The) (?:information|content|page|material) (?:on this page )?"
        r"(?:may be|is) (?:out of date|outdated|no longer (?:current|updated|maintained))\b.*",
        r"Archived (?:content|pages?) (?:is|are) (?:provided|maintained|kept) for"
        r" (?:reference|historical)\b.*",
    )
)

# A line where the article ends and the site's trailer begins; it and everything after it
# is chrome.
TRAILER_LINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"Related(?: (?:Links|Stories|Articles|Content|News|Videos|Pages))?\s*:?",
        r"More (?:Stories|News|Like This)\s*:?",
        r"You may also like\s*:?",
        r"(?:Voir aussi|À lire aussi|A lire aussi|Lire aussi|Sur le même sujet|Articles liés)\s*:?",
        r"(?:Ver también|Lea también|Noticias relacionadas|Artículos relacionados)\s*:?",
        r"(?:Mehr zum Thema|Weitere Artikel|Das könnte Sie auch interessieren|Siehe auch)\s*:?",
        r"(?:Leggi anche|Articoli correlati|Notizie correlate|Potrebbe interessarti)\s*:?",
        r"(?:Veja também|Leia também|Notícias relacionadas|Artigos relacionados)\s*:?",
        r"(?:Lees ook|Gerelateerde artikelen|Gerelateerd nieuws|Meer nieuws)\s*:?",
        r"Hosted by Defense Media Activity.*",
    )
)


def strip_banner(line: str) -> tuple[str, list[str]]:
    """Remove leading banner phrases; return what is left and the publishers they named."""
    publishers: list[str] = []
    progress = True
    while line and progress:
        progress = False
        for pattern in BANNER_PHRASES:
            m = pattern.match(line)
            if m is None:
                continue
            publisher = m.groupdict().get("publisher")
            if publisher and publisher.lower() not in GENERIC_PUBLISHERS:
                publishers.append(publisher)
            line = line[m.end() :].lstrip()
            progress = True
            break
    return line, publishers


def is_home_line(line: str) -> bool:
    """The first crumb of a breadcrumb trail written one crumb per line ("Home")."""
    return line.casefold() in _HOME_LINES


_HOME_LINES = frozenset(w.casefold() for w in HOME_WORDS)
_CRUMB_SEPARATOR = re.compile(r"[>/»›|]")
MAX_CRUMB_WORDS = 3


def is_crumb(line: str) -> bool:
    """A line that can be one crumb of a trail ("News", "Press Releases", ">")."""
    return bool(_CRUMB_SEPARATOR.fullmatch(line)) or (
        len(line.split()) <= MAX_CRUMB_WORDS
        and is_heading_like(line)
        and not any(c.isdigit() for c in line)
    )


def is_chrome_line(line: str) -> bool:
    return any(p.fullmatch(line) for p in CHROME_LINES)


def is_trailer_line(line: str) -> bool:
    return any(p.fullmatch(line) for p in TRAILER_LINES)


# --------------------------------------------------------------- kicker, dates

_LETTER = r"[^\W\d_]"
_SECTION = re.compile(rf"(?=[A-ZÀ-ÖØ-Þ]){_LETTER}[\w&'’-]*(?: [\w&'’-]+){{0,4}}")

# The words of a date line, per kind: first publication or a later update.
PUBLISHED_WORDS = (
    "Published", "Posted", "Publié le", "Publié", "Mis en ligne le", "Publicado el",
    "Publicado", "Veröffentlicht am", "Veröffentlicht", "Pubblicato il", "Pubblicato",
    "Publicado em", "Gepubliceerd op", "Gepubliceerd",
)  # fmt: skip
UPDATED_WORDS = (
    "Last Updated", "Updated", "Mis à jour le", "Mis à jour", "Actualizado el", "Actualizado",
    "Aktualisiert am", "Aktualisiert", "Aggiornato il", "Aggiornato", "Atualizado em",
    "Atualizado", "Bijgewerkt op", "Bijgewerkt",
)  # fmt: skip
_DATE_WORDS = "|".join(re.escape(w) for w in sorted(PUBLISHED_WORDS + UPDATED_WORDS, key=len)[::-1])

# "Published Feb. 27, 2018", "Updated: March 4, 2020 at 10:30 a.m. EST", "Publié le 6 mai 2015".
DATE_LINE = re.compile(
    rf"(?P<kind>{_DATE_WORDS})(?: on)?:?\s+(?P<date>{DATE})"
    r"(?:\s*(?:,|at)?\s*\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Kicker:
    section: str
    date: _dt.date | None
    date_text: str | None


def parse_kicker(line: str) -> Kicker | None:
    """``News | May 6, 2015`` → section and date; None when the line is not a kicker."""
    parts = [part.strip() for part in line.split("|")]
    if len(parts) < 2 or not _SECTION.fullmatch(parts[0]):
        return None
    for part in parts[1:]:
        if re.fullmatch(DATE, part):
            return Kicker(parts[0], parse_date(part), part)
    return None


# ---------------------------------------------------------------------- bylines

# A word in any of these makes a byline part an organization rather than a person.
ORG_WORDS = _table(
    """
    Affairs News Service Services Command Division Activity Office Agency Department
    Wing Squadron Group Brigade Battalion Regiment Fleet Corps Force Forces Army Navy
    Marine Marines Guard Center Centre Base Media Press Headquarters District Engineers
    Laboratory Station Installation Garrison University Institute School Academy Bureau
    Administration Ministry Communications Public Reserve Task Team Fort Camp Joint Defense
    Defence Network Stripes Times Journal Magazine Radio Television Hospital Region
    DoD DOD NASA DVIDS AFPS AFNS NNS ANS USAF USN USMC USCG U.S.
    """
)

# Pieces of a personal name that a comma separates from the rest ("John Smith, Jr.").
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "Ph.D.", "M.D.", "Esq."})

# Lower-case words that may appear inside a personal name.
NAME_PARTICLES = frozenset(
    {"de", "da", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos", "das",
     "al", "bin", "ibn", "ter", "y", "e", "j.g.", "(j.g.)"}
)  # fmt: skip

# The words that open a byline, per language ("By", French "Par", Spanish and Portuguese
# "Por", German "Von", Italian "Di", Dutch "Door"). Case matters: "by" inside a sentence
# never opens one, and what follows must be names ("Di nuovo in mare" is no byline).
BYLINE_WORDS = (
    "By", "BY", "Story by", "Written by", "Story and photos by",
    "Par", "PAR", "Por", "POR", "Von", "VON", "Di", "DI", "Door", "DOOR",
)  # fmt: skip
_BYLINE_WORDS = "|".join(re.escape(w) for w in sorted(BYLINE_WORDS, key=len)[::-1])
BYLINE = re.compile(rf"(?:(?:{_BYLINE_WORDS})\s*:?\s+)+(?P<rest>\S.*)")
FROM_LINE = re.compile(r"From\s+(?P<org>[A-Z0-9].*)")
_TRAILING_DATE = re.compile(rf"(?:,|\s\|)\s*(?P<date>{DATE})\s*$")
# Words joining the last names of a list ("Jane Doe and John Roe"): English, French,
# German, Dutch. Spanish "y" and Italian/Portuguese "e" are not among them: they also join
# the parts of one name ("José Ortega y Gasset"; see NAME_PARTICLES).
LIST_JOINERS = ("and", "&", "et", "und", "en")
_JOINER = "|".join(re.escape(w) for w in LIST_JOINERS)
_NAME_LIST_SPLIT = re.compile(rf"\s*,\s*(?:(?:{_JOINER})\s+)?|\s+(?:{_JOINER})\s+")
_JOINER_FIRST = re.compile(rf"(?:{_JOINER})\s+\S")


@dataclass(frozen=True, slots=True)
class Byline:
    authors: tuple[str, ...]
    organization: str | None
    date: _dt.date | None = None  # "By Jane Doe, Army News Service, May 6, 2015"


def _words(text: str) -> list[str]:
    return [w.strip("()[],;:") for w in text.split()]


def is_org_like(text: str) -> bool:
    return any(w in ORG_WORDS for w in _words(text))


def _is_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 12:
        return False
    return all(
        w in NAME_PARTICLES or (w.lstrip("(\"“'") or w)[0].isupper() or w[0].isdigit()
        for w in words
    )


def split_authors(text: str) -> tuple[str, ...]:
    """The one rule for a list of people, wherever it is written: a byline, ``--meta
    authors=…``, a sidecar or front-matter string, a packet's ``meta``.

    * With a semicolon anywhere, only semicolons separate names, so a name may hold
      commas: "Smith, Jr., John; Jane Roe" (``renderer show`` prints lists so).
    * Otherwise commas and the words of :data:`LIST_JOINERS` separate names; a suffix
      after a comma stays with its name ("John Smith, Jr., and Jane Roe"), and when any
      part is a single word the commas are inside one inverted name ("Smith, Jr., John",
      "Roe, Jane"), which is kept whole.
    """
    text = " ".join(text.split())
    if ";" in text:
        return tuple(p.strip() for p in text.split(";") if p.strip())
    parts: list[str] = []
    for part in (p.strip() for p in _NAME_LIST_SPLIT.split(text)):
        if parts and part in NAME_SUFFIXES:
            parts[-1] = f"{parts[-1]}, {part}"
        elif part:
            parts.append(part)
    if len(parts) > 1 and any(len(p.split()) == 1 for p in parts):
        return (text,)
    return tuple(parts)


def join_authors(authors: tuple[str, ...]) -> str:
    """``authors`` written so that :func:`split_authors` reads them back unchanged."""
    text = "; ".join(authors)
    if len(authors) == 1 and split_authors(text) != authors:
        text += ";"  # one name with commas that would read as several
    return text


def _continues_names(part: str) -> bool:
    """A byline part that belongs to the names before it: "Jr.", "and Jane Roe"."""
    return part in NAME_SUFFIXES or _JOINER_FIRST.match(part) is not None


def parse_byline(line: str) -> Byline | None:
    """Split a byline into authors and organization; None when ``line`` is not a byline.

    The first comma-separated part is always people, the last (when there are several)
    the organization unless it continues the names ("…, Jr.", "…, and Jane Roe"); parts
    between are people until one names an organization. The people are split by
    :func:`split_authors`.
    """
    m = FROM_LINE.fullmatch(line)
    if m is not None:
        org = m["org"].strip()
        words = _words(org)
        if words and words[-1] in ORG_WORDS and len(words) <= 12:
            return Byline((), org)
        return None
    m = BYLINE.fullmatch(line)
    if m is None:
        return None
    rest = m["rest"].strip().rstrip(",").strip()
    date = None
    if dated := _TRAILING_DATE.search(rest):
        date = parse_date(dated["date"])
        rest = rest[: dated.start()]
    if len(rest.split()) > 30:
        return None
    tokens = [t.strip() for t in re.split(r",|\s\|\s", rest) if t.strip()]
    if not tokens:
        return None
    org_at = next(
        (
            index
            for index, token in enumerate(tokens[1:], start=1)
            if is_org_like(token) or (index == len(tokens) - 1 and not _continues_names(token))
        ),
        len(tokens),
    )
    authors = split_authors(", ".join(tokens[:org_at]))
    if not authors or not all(_is_name(a) for a in authors):
        return None
    return Byline(authors, ", ".join(tokens[org_at:]) or None, date)


def is_org_continuation(line: str) -> bool:
    """The second line of a byline split in two ("55th Wing Public Affairs")."""
    return (
        is_org_like(line)
        and len(line.split()) <= 10
        and not line.endswith(".")
        and (line[0].isupper() or line[0].isdigit())
    )


def chrome_kind(text: str, site_names: Iterable[str] = ()) -> str | None:
    """What page furniture ``text`` is when it is nothing else, for lint to suspect it left
    over in a body or a title: None for story text."""
    text = " ".join(text.split())
    if strip_banner(text)[0] != text:
        return "the site banner"
    if is_chrome_line(text):
        return "navigation or a share line"
    if is_home_line(text):
        return "a breadcrumb"
    if parse_kicker(text) is not None:
        return "a kicker"
    if DATE_LINE.fullmatch(text):
        return "a date line"
    if parse_byline(text) is not None:
        return "a byline"
    if text.casefold() in {n.casefold() for n in site_names if n}:
        return "the publisher's or organization's name"
    return None


# --------------------------------------------------------------------- datelines

_PLACE_WORD = r"[A-ZÀ-ÖØ-Þ][A-Z0-9À-ÖØ-Þ.'’&-]*"
_PLACE = rf"{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,7}}"
# "Fla.", "Calif.", "N.C.", "D.C.", or a name AP does not abbreviate ("Texas", "South Korea").
_STATE = (
    r"(?:[A-Z]\.\s?[A-Z]\.|[A-Z][a-z]{1,5}\.|[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?: [A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?)"
)
_DATELINE_DATE = rf"(?:{DATE}|{MONTH}\s+\d{{1,2}})"
_TAG = r"\([A-Z][A-Za-z.&' ]{0,40}\)"

# "MACDILL AIR FORCE BASE, Fla., May 6, 2015 - The …", "NORFOLK, Va. (NNS) -- …".
DATELINE = re.compile(
    rf"(?P<dateline>{_PLACE}(?:,\s+{_STATE})?(?:,\s+{_DATELINE_DATE})?(?:\s*{_TAG})?)"
    r"(?:\s*(?:--|—|–)\s*|\s+-\s*|-\s+)"
    r"(?P<rest>[^a-z\s].*)",
    re.DOTALL,
)


# "NORFOLK, Va. (NNS) --" alone on its line, the story beginning on the next one: the
# separator (or a wire tag) is required, so an ALL-CAPS subhead is never taken for one.
DATELINE_ALONE = re.compile(
    rf"(?P<dateline>{_PLACE}(?:,\s+{_STATE})?(?:,\s+{_DATELINE_DATE})?"
    rf"(?:\s*{_TAG}\s*(?:--|—|–|-)?|\s*(?:--|—|–|-)))\s*"
)


def dateline_alone(line: str) -> str | None:
    """The dateline when ``line`` is nothing but one ("WASHINGTON (AFNS) --"), else None."""
    m = DATELINE_ALONE.fullmatch(line)
    if m is None:
        return None
    dateline = m["dateline"].strip().rstrip("-—–").strip()
    if len(re.findall(r"[A-Z]", dateline.split(",")[0])) < 3:
        return None
    return dateline


def split_dateline(paragraph: str) -> tuple[str, str] | None:
    """``(dateline, rest)`` when the paragraph opens with a dateline, else None."""
    m = DATELINE.fullmatch(paragraph)
    if m is None:
        return None
    dateline = m["dateline"].strip()
    if len(re.findall(r"[A-Z]", dateline.split(",")[0])) < 3:
        return None
    return dateline, m["rest"].strip()


# --------------------------------------------------------------- photo credits

# Words one of which a parenthesised credit holds for it to be a photo credit:
# "(U.S. Army photo by Spc. Jane Roe)", "(Courtesy photo)", "(Photo Marine nationale)",
# "(Foto: Armada de Chile)", "(Bild: Bundeswehr/Jana Roth)".
CREDIT_WORDS = _table(
    """
    photo photos photograph photographs photographer image images illustration graphic
    video courtesy released
    crédit credit
    foto fotos fotografía imagen cortesía
    bild bilder
    immagine immagini cortesia imagem imagens fotografia beeld afbeelding
    """
)
MAX_CREDIT_WORDS = 20
# The credit as the last thing in a caption, in parentheses …
_CREDIT_IN_PARENS = re.compile(r"\s*\((?P<credit>[^()]{3,160})\)\s*\.?\s*$")
# … or as its closing sentence: "Photo by Jane Roe.", "U.S. Navy photo by …", "Courtesy
# photo", "Photo courtesy of …", "Foto: Armada", "Credit: …".
_CREDIT_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?…\"”’])\s+)(?P<credit>"
    # "U.S. Navy photo by Ann Lee", never "The photo by the door …" or "Her photo by …"
    r"(?!(?:The|A|An|This|That|These|Those|His|Her|Its|Our|Their|My|Your)\s)"
    r"(?:[A-Z][\w.]*\s+){0,4}(?i:photo|photos|photograph|image|graphic|illustration)s?"
    r"\s+(?:(?i:by)\s+[A-Z]|(?i:courtesy\s+of)\s+\S).*"
    r"|(?i:courtesy\s+photo)\b.*|(?i:courtesy\s+of)\s+\S.*"
    rf"|(?i:{'|'.join(sorted(CREDIT_WORDS, key=len, reverse=True))})\s?:\s*\S.*)$"
)


@dataclass(frozen=True, slots=True)
class Credit:
    start: int  # where the credit (with its parentheses) begins in the caption's text
    text: str  # the credit, without parentheses or a closing period
    parenthesised: bool


def clean_credit(text: str) -> str:
    """A credit without its parentheses or closing period ("Photo by Jane Roe, Jr." keeps
    the abbreviation's), whitespace collapsed."""
    text = " ".join(text.split())
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if text.endswith(".") and text.split()[-1] not in ABBREVIATIONS:
        text = text[:-1].rstrip()
    return text


def find_credit(caption: str) -> Credit | None:
    """The photo credit closing a caption, or None: the one rule every reader splits
    captions with (a scrape's caption lines, HTML figcaptions, Markdown image titles)."""
    m = _CREDIT_IN_PARENS.search(caption)
    if m is not None:
        words = [w.strip(".,:;/").lower() for w in re.split(r"[\s/]+", m["credit"].strip())]
        if len(words) <= MAX_CREDIT_WORDS and CREDIT_WORDS.intersection(words):
            return Credit(m.start(), clean_credit(m["credit"]), True)
    m = _CREDIT_SENTENCE.search(caption)
    if m is not None and len(m["credit"].split()) <= MAX_CREDIT_WORDS:
        return Credit(m.start(), clean_credit(m["credit"]), False)
    return None


_CAPTION_END = re.compile(r"[.!?…][\"”’]?$")


def split_photo_caption(line: str) -> tuple[str, str] | None:
    """``(caption, credit)`` when a line of a scrape is a photo caption ending with its credit.

    In running text only a parenthesised credit after a finished sentence of three words
    or more marks a caption: "Soldiers unload supplies at the port, May 3, 2018. (U.S.
    Army photo by Spc. Jane Roe)". (A story's sentence may well begin "Photo by …".)
    """
    credit = find_credit(line)
    if credit is None or not credit.parenthesised:
        return None
    caption = line[: credit.start].strip()
    if not _CAPTION_END.search(caption) or len(caption.split()) < 3:
        return None
    return caption, credit.text


# ------------------------------------------------------------ sentences, headings

# Abbreviations whose period does not end a sentence.
ABBREVIATIONS = _table(
    """
    Gen. Lt. Col. Maj. Capt. Sgt. Cpl. Pvt. Spc. Adm. Cmdr. Cmdt. Ens. Pfc. Brig. Sr. Jr.
    Mr. Mrs. Ms. Dr. Prof. St. Mt. Ft. No. Gov. Sen. Rep. Sec. Dept. Rev. Hon. Pres.
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. vs. etc. Inc. Co. Corp.
    Tech. Staff. Chief. Petty. Airman. Seaman. Master. Fla. Va. Calif. Ga. Ala. Md.
    """
)

_BOUNDARY = re.compile(r"(\S*?[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
SENTENCE_END = re.compile(r"[.!?][\"”’)]*$")


def sentence_count(text: str) -> int:
    count = 1
    for m in _BOUNDARY.finditer(text):
        word = m.group(1)
        if word in ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)+", word):
            continue
        count += 1
    return count


# Words a title-case subhead leaves in lower case.
SMALL_WORDS = _table(
    "a an the and but or nor for of on in at to by with from as vs. via into onto over up"
)

MAX_HEADING_WORDS = 10
MAX_TITLE_CHARS = 200


def is_heading_like(line: str) -> bool:
    """ALL-CAPS or Title-Case, at most ten words, not ending like a sentence or clause."""
    words = line.split()
    if not 1 <= len(words) <= MAX_HEADING_WORDS or line[-1] in ".,;:":
        return False
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 2:
        return False
    if all(c.isupper() for c in letters):
        return True
    if not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    return all(
        w in SMALL_WORDS or not w[0].isalpha() or w[0].isupper()
        for w in (w.lstrip("\"“‘'(") or w for w in words)
    )
