"""Reading an extract (CSV in any usual French encoding and separator, or XLSX) into strings.

Everything is read as text; typing happens after validation. Line numbers reported to the user
are those of the file as opened in a text editor (or the sheet's row numbers for XLSX).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from array import array
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from dashboard.importer.errors import ImportRefused, Problem

SEPARATORS = (";", ",", "\t", "|")
# Structure limits, checked before parsing: far above any real extract (the RPLS file has
# about 80 columns and lines of a few hundred bytes), far below what exhausts the machine.
MAX_COLUMNS = 1000
MAX_HEADER_BYTES = 1 << 16
MAX_LINE_BYTES = 1 << 20
# A spreadsheet is unzipped and parsed whole by openpyxl (about 35 s and 0.5 GB per million
# cells on the measuring machine): a territory's extract holds a few hundred thousand cells.
MAX_XLSX_CELLS = 1_000_000
MAX_XLSX_UNCOMPRESSED = 256 << 20
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf©¨ª«®¯§¢£¤¥¦°±²³´µ¶·¸¹º»¼½¾¿]")


def header_key(name: str) -> str:
    """Header matching ignores case, accents, spaces and punctuation."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_name.lower())


@dataclass
class RawTable:
    """An extract read as text: one column per header, one row per data record."""

    file: str
    frame: pd.DataFrame
    headers: list[str]
    encoding: str
    separator: str | None = None
    sheet: str | None = None
    problems: list[Problem] = field(default_factory=list)
    _line_of_row: array | None = None
    _text_source: bytes | None = None

    def line(self, row: int) -> int:
        """Line number in the file of data row `row` (0-based, in frame order)."""
        if self._line_of_row is None:
            return row + 2
        return int(self._line_of_row[row])


def read_extract(path: Path, display_name: str | None = None) -> RawTable:
    name = display_name or path.name
    if not path.exists():
        raise ImportRefused([Problem(name, "fichier introuvable")])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, name)
    if path.suffix.lower() == ".xls":
        raise ImportRefused(
            [
                Problem(
                    name,
                    "format .xls (Excel 97-2003) non pris en charge : enregistrez en .xlsx ou .csv",
                )
            ]
        )
    return _read_csv(path, name)


def _detect_encoding(path: Path, name: str) -> tuple[str, int]:
    """Returns (encoding, bytes to skip): UTF-8 with or without BOM, UTF-16, else cp1252."""
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise ImportRefused(
            [Problem(name, "encodage UTF-32 non pris en charge : réenregistrez en UTF-8")]
        )
    if head.startswith(codecs.BOM_UTF8):
        _refuse_nul_bytes(path, name)
        return "utf-8", 3
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if not _decodes(path, "utf-16"):
            raise ImportRefused(
                [Problem(name, "fichier UTF-16 tronqué ou endommagé : réenregistrez en UTF-8")]
            )
        return "utf-16", 0
    _refuse_nul_bytes(path, name)
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                # Not UTF-8: French exports from older tools are Windows-1252 (a superset of
                # ISO-8859-1 for printable characters); the five bytes Windows-1252 leaves
                # undefined only decode as ISO-8859-1.
                return ("cp1252" if _decodes(path, "cp1252") else "latin-1"), 0
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise ImportRefused(
            [Problem(name, "fichier tronqué : le dernier caractère est incomplet (UTF-8)")]
        ) from None
    return "utf-8", 0


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _refuse_nul_bytes(path: Path, name: str) -> None:
    """A NUL byte never occurs in a text file (outside UTF-16): the file is binary or damaged,
    and the byte would pass unseen into identifiers."""
    lines_before = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            position = chunk.find(b"\0")
            if position >= 0:
                line = lines_before + chunk.count(b"\n", 0, position) + 1
                raise ImportRefused(
                    [
                        Problem(
                            name,
                            "caractère nul (octet 0) : fichier binaire ou endommagé, "
                            "réenregistrez-le en CSV depuis le tableur",
                            line=line,
                        )
                    ]
                )
            lines_before += chunk.count(b"\n")


def _first_line(path: Path, encoding: str, skip: int, name: str) -> str:
    with path.open("rb") as fh:
        fh.seek(skip)
        raw = fh.read(MAX_HEADER_BYTES + 1)
    text = raw.decode(encoding, errors="replace")
    if len(raw) > MAX_HEADER_BYTES and not any(c in text for c in "\r\n"):
        raise ImportRefused(
            [
                Problem(
                    name,
                    f"en-tête de plus de {MAX_HEADER_BYTES // 1024} Ko sans fin de ligne : ce "
                    "n'est pas un extrait (trop de colonnes, ou fichier qui n'est pas un CSV)",
                    line=1,
                )
            ]
        )
    return text.splitlines()[0] if text.strip() else ""


def _long_line(path: Path, skip: int) -> tuple[int, int, bytes] | None:
    """The first physical line longer than MAX_LINE_BYTES: (line number, its offset, its
    first bytes), or None. A quick scan by chunks (numpy finds the line ends)."""
    import numpy as np

    line, start, offset = 1, skip, skip  # line starting at `start`; offset of the chunk
    with path.open("rb") as fh:
        fh.seek(skip)
        while chunk := fh.read(1 << 24):
            ends = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == 10) + offset
            starts = np.concatenate(([start], ends[:-1] + 1))
            too_long = np.flatnonzero(ends - starts > MAX_LINE_BYTES)
            if too_long.size:
                first = int(too_long[0])
                return _line_head(path, line + first, int(starts[first]))
            if ends.size:
                start, line = int(ends[-1]) + 1, line + int(ends.size)
            offset += len(chunk)
            if offset - start > MAX_LINE_BYTES:  # the line still open is already too long
                return _line_head(path, line, start)
    return None


def _line_head(path: Path, line: int, start: int) -> tuple[int, int, bytes]:
    with path.open("rb") as fh:
        fh.seek(start)
        return line, start, fh.read(MAX_LINE_BYTES)


def _sniff_separator(header_line: str) -> str | None:
    counts = {sep: len(next(csv.reader([header_line], delimiter=sep))) for sep in SEPARATORS}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 1 else None


def _read_csv(path: Path, name: str) -> RawTable:
    if path.stat().st_size == 0:
        raise ImportRefused([Problem(name, "fichier vide")])
    encoding, skip = _detect_encoding(path, name)
    header_line = _first_line(path, encoding, skip, name)
    if not header_line.strip():
        raise ImportRefused(
            [Problem(name, "fichier vide ou première ligne vide (en-tête attendu)", line=1)]
        )
    separator = _sniff_separator(header_line)
    if separator is None:
        raise ImportRefused(
            [
                Problem(
                    name,
                    "séparateur de colonnes non reconnu (attendu « ; » ou « , ») : "
                    "l'en-tête ne contient qu'une colonne",
                    line=1,
                    value=header_line[:60],
                )
            ]
        )
    headers = next(csv.reader([header_line], delimiter=separator))
    headers = [h.strip().lstrip("\ufeff") for h in headers]
    if len(headers) > MAX_COLUMNS:
        raise ImportRefused(
            [
                Problem(
                    name,
                    f"{len(headers)} colonnes dans l'en-tête (au plus {MAX_COLUMNS}) : ce n'est "
                    "pas un extrait du contrat de données",
                    line=1,
                )
            ]
        )
    if encoding != "utf-16":
        _refuse_long_lines(path, skip, name, separator, headers, encoding)
    if "" in headers:
        position = headers.index("") + 1
        raise ImportRefused(
            [
                Problem(
                    name,
                    f"en-tête vide en position {position} (la première ligne doit nommer les "
                    "colonnes)",
                    line=1,
                )
            ]
        )

    def on_invalid(row: pacsv.InvalidRow) -> str:
        return "skip"

    source: io.BufferedIOBase
    if encoding == "utf-16":
        source = io.BytesIO(path.read_text(encoding="utf-16").encode("utf-8"))
        read_encoding = "utf8"
    else:
        source = path.open("rb")
        source.seek(skip)
        read_encoding = "utf8" if encoding == "utf-8" else encoding
    column_names = [f"c{i}" for i in range(len(headers))]
    try:
        table = pacsv.read_csv(
            source,
            read_options=pacsv.ReadOptions(
                encoding=read_encoding,
                column_names=column_names,
                skip_rows=1,
                block_size=1 << 24,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=separator,
                newlines_in_values=True,
                invalid_row_handler=on_invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in column_names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise ImportRefused([_arrow_problem(name, str(exc))]) from None
    finally:
        source.close()
    frame = table.to_pandas()
    frame.columns = headers
    raw = RawTable(name, frame, headers, encoding, separator=separator)
    # Rows pyarrow skipped (wrong field count) are reported with their line by this scan.
    _attach_line_map(raw, path, encoding, skip, separator, len(headers))
    if _MOJIBAKE.search(header_line) or (encoding == "cp1252" and _looks_double_encoded(frame)):
        raw.problems.append(
            Problem(
                name,
                "encodage mixte : le fichier mélange UTF-8 et Windows-1252 (caractères "
                "« Ã© » au lieu de « é ») ; réenregistrez-le en UTF-8",
            )
        )
    return raw


def _refuse_long_lines(
    path: Path, skip: int, name: str, separator: str, headers: list[str], encoding: str
) -> None:
    """A line of more than MAX_LINE_BYTES (a 90 Mo line once): refused with its number and,
    from the separators before the limit, the column where the overlong field starts."""
    found = _long_line(path, skip)
    if found is None:
        return
    line, _, head = found
    text = head.decode(encoding, errors="replace")
    previous = csv.field_size_limit(2 * MAX_LINE_BYTES)  # this one line only
    try:
        record = [text.replace("\r", " ").replace("\n", " ")]
        fields = next(csv.reader(record, delimiter=separator))
    finally:
        csv.field_size_limit(previous)
    position = len(fields) - 1
    column = headers[position] if position < len(headers) else None
    raise ImportRefused(
        [
            Problem(
                name,
                f"ligne de plus de {MAX_LINE_BYTES // (1 << 20)} Mo (une valeur démesurée, ou "
                "un guillemet jamais refermé) : fichier endommagé ou qui n'est pas un extrait",
                line=line,
                column=column,
            )
        ]
    )


_ARROW_ROW = re.compile(r"[Rr]ow #(\d+)")


def _arrow_problem(name: str, message: str) -> Problem:
    """pyarrow's English error, in French; the line when pyarrow gives its row."""
    lowered = message.lower()
    row = _ARROW_ROW.search(message)
    line = int(row.group(1)) + 1 if row else None  # pyarrow counts data rows from 1
    if "quote" in lowered:
        rule = "guillemet non refermé : fichier tronqué ou mal formé"
    elif "straddl" in lowered or "block size" in lowered:
        rule = "ligne démesurée (plus de 16 Mo) : fichier endommagé ou qui n'est pas un extrait"
    elif "columns" in lowered:
        rule = "nombre de champs différent de celui de l'en-tête"
    elif "utf" in lowered or "decode" in lowered:
        rule = "caractère illisible dans l'encodage du fichier : réenregistrez-le en UTF-8"
    else:
        rule = "structure CSV illisible : réenregistrez le fichier en CSV depuis le tableur"
    return Problem(name, rule, line=line)


def _looks_double_encoded(frame: pd.DataFrame) -> bool:
    for column in frame.columns[:40]:
        sample = frame[column].head(5000)
        if sample.str.contains(_MOJIBAKE.pattern, regex=True).fillna(False).any():
            return True
    return False


def _attach_line_map(
    raw: RawTable, path: Path, encoding: str, skip: int, separator: str, width: int
) -> None:
    """Scans the file once with the csv module to map each kept record to its line number,
    and to report the records that have a wrong number of fields."""
    lines = array("I")
    text = io.TextIOWrapper(path.open("rb"), encoding=encoding, newline="")
    try:
        if skip:
            text.read(1)  # the BOM
        reader = csv.reader(text, delimiter=separator)
        next(reader, None)
        previous_end = reader.line_num
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not record:
                continue
            if len(record) != width:
                raw.problems.append(
                    Problem(
                        raw.file,
                        f"{len(record)} champs au lieu de {width} (séparateur dans une valeur, "
                        "ligne tronquée ou colonnes décalées)",
                        line=start,
                        value=separator.join(record)[:60],
                    )
                )
                continue
            lines.append(start)
    except csv.Error as exc:  # in English: said in French, with the line
        rule = (
            f"un champ de plus de {csv.field_size_limit():,} caractères".replace(",", "\u202f")
            if "field limit" in str(exc)
            else "structure CSV invalide (guillemets ou séparateurs mal placés)"
        )
        raw.problems.append(Problem(raw.file, rule, line=reader.line_num or None))
    finally:
        text.close()
    if len(lines) == len(raw.frame):
        raw._line_of_row = lines


_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _declared_cells(head: bytes) -> int:
    found = _DIMENSION.search(head)
    if not found or not found.group(3):
        return 0
    rows = int(found.group(4)) - int(found.group(2)) + 1
    columns = _column_number(found.group(3)) - _column_number(found.group(1)) + 1
    return rows * columns


def _counted_cells(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """Cells written in a sheet, counted in its XML by chunks (the archive's sizes are
    checked first, so this reads a bounded amount): a sheet may declare no dimension."""
    count, tail = 0, b""
    with archive.open(info) as sheet:
        while chunk := sheet.read(1 << 22):
            data = tail + chunk
            count += len(_CELL.findall(data, 0, max(0, len(data) - 16)))
            tail = data[max(0, len(data) - 16) :]
            if count > MAX_XLSX_CELLS:
                break
    return count + len(_CELL.findall(tail))


def _check_xlsx_budget(path: Path, name: str) -> None:
    """Refuses, before openpyxl parses anything, a workbook too big once unzipped (sizes from
    the archive's directory, which zipfile enforces while reading) or with too many cells
    (the sheet's declared dimension, then its cells counted): a 1.4 Mo file of 5 million
    cells once ran 300 s and took 1.8 Go."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return  # openpyxl says the workbook is damaged
    limit = f"au plus {MAX_XLSX_CELLS:,} cellules".replace(",", "\u202f")
    advice = "enregistrez l'extrait en CSV, ou vérifiez qu'il ne couvre que le territoire"
    with archive:
        unzipped = sum(info.file_size for info in archive.infolist())
        if unzipped > MAX_XLSX_UNCOMPRESSED:
            raise ImportRefused(
                [
                    Problem(
                        name,
                        f"classeur de {unzipped / (1 << 20):,.0f} Mo une fois décompressé (au "
                        f"plus {MAX_XLSX_UNCOMPRESSED >> 20} Mo) : {advice}".replace(",", "\u202f"),
                    )
                ]
            )
        for info in archive.infolist():
            if not _SHEET.fullmatch(info.filename):
                continue
            with archive.open(info) as sheet:
                declared = _declared_cells(sheet.read(1 << 16))
            cells = declared if declared > MAX_XLSX_CELLS else _counted_cells(archive, info)
            if cells > MAX_XLSX_CELLS:
                what = (
                    f"{declared:,} cellules déclarées".replace(",", "\u202f")
                    if declared > MAX_XLSX_CELLS
                    else f"plus de {MAX_XLSX_CELLS:,} cellules".replace(",", "\u202f")
                )
                raise ImportRefused(
                    [
                        Problem(
                            name,
                            f"classeur trop grand : {what} dans une feuille ({limit}) : {advice}",
                        )
                    ]
                )


def _read_xlsx(path: Path, name: str) -> RawTable:
    from openpyxl import load_workbook

    _check_xlsx_budget(path, name)
    try:
        workbook = load_workbook(path, read_only=False, data_only=True)
    except Exception as exc:  # a damaged archive fails anywhere inside openpyxl or zipfile
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise ImportRefused(
            [
                Problem(
                    name,
                    f"classeur Excel illisible ({detail}) : fichier endommagé ou pas un .xlsx",
                )
            ]
        ) from None
    sheets = [ws for ws in workbook.worksheets if ws.max_row > 1 or ws.max_column > 1]
    kind_hint = header_key(path.stem)
    chosen = [
        ws
        for ws in sheets
        if header_key(ws.title) in kind_hint or kind_hint in header_key(ws.title)
    ]
    if len(sheets) == 1:
        sheet = sheets[0]
    elif len(chosen) == 1:
        sheet = chosen[0]
    elif not sheets:
        raise ImportRefused([Problem(name, "classeur vide")])
    else:
        titles = ", ".join(f"« {ws.title} »" for ws in sheets)
        raise ImportRefused(
            [
                Problem(
                    name,
                    f"le classeur contient plusieurs feuilles remplies ({titles}) : gardez une "
                    "seule feuille, ou nommez-la comme le fichier",
                )
            ]
        )
    if sheet.merged_cells.ranges:
        first = sorted(str(r) for r in sheet.merged_cells.ranges)[0]
        raise ImportRefused(
            [
                Problem(
                    name,
                    f"cellules fusionnées dans la feuille « {sheet.title} » ({first}…) : "
                    "défusionnez-les, une valeur par cellule",
                )
            ]
        )
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None or all(v is None for v in header_row):
        raise ImportRefused([Problem(name, "première ligne vide (en-tête attendu)", line=1)])
    while header_row and header_row[-1] is None:
        header_row = header_row[:-1]
    headers = [str(h).strip() if h is not None else "" for h in header_row]
    if "" in headers:
        raise ImportRefused(
            [Problem(name, f"en-tête vide en colonne {headers.index('') + 1}", line=1)]
        )
    width = len(headers)
    data: list[list[str]] = []
    lines = array("I")
    for number, row in enumerate(rows, start=2):
        values = [_cell_text(v) for v in row[:width]]
        values += [""] * (width - len(values))
        if not any(values):
            continue
        data.append(values)
        lines.append(number)
    frame = pd.DataFrame(data, columns=headers, dtype="str")
    return RawTable(name, frame, headers, "xlsx", sheet=sheet.title, _line_of_row=lines)


def _cell_text(value: object) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
