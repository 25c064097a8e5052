#!/usr/bin/python3
"""Structural checks of a tagged PDF, with Debian's python3-pikepdf only.

    tagged_pdf.py dump FILE.pdf    the structure tree, one element a line (the goldens)
    tagged_pdf.py check FILE.pdf   the invariants below; exit 1 and one line per failure
    tagged_pdf.py text [--glyphs] FILE.pdf
                                   the text of every content item in structure order,
                                   one a line; with --glyphs the glyphs shown even where
                                   /ActualText replaces them (what `pdfinfo -struct-text`
                                   quotes: poppler 22.12 ignores /ActualText there)

The checks are the structural part of PDF/UA-1 (ISO 14289-1) and PDF/A-2a that a
program can decide from the file alone: every marked-content sequence of every page is
reached from the structure tree exactly once and the ParentTree maps it back, nothing is
painted outside marked content, links are tagged and described, figures have alt text,
headings do not skip, lists and contents are well formed, XMP agrees with the Info
dictionary. They do not replace a validator; they are the project's own, so a regression
in chronik's tagging fails its tests with a message naming the page and the element.

Text is decoded through each font's ToUnicode CMap (chronik writes Type0 Identity-H fonts
with 2-byte codes that are the code points; simple fonts have 1-byte codes). Marked content
is read from the pages' content streams only: a Form XObject is one painting operator (Do)
to us, which must itself lie in marked content.
"""

import datetime
import re
import sys
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Array, Dictionary, Name

STANDARD_ROLES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
    "Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L",
    "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span",
    "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT",
    "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}

TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
# Path painting (n only when it does not end a clipping path: W n paints nothing),
# XObjects, shadings and inline images.
PAINTING = TEXT_SHOWING | {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "n", "Do", "sh",
                           "INLINE IMAGE", "BI"}
TRUNCATE = 60


def pdf_str(obj):
    """A PDF text string as Python str (PDFDocEncoding or UTF-16, as pikepdf decodes it)."""
    if obj is None:
        return None
    if isinstance(obj, pikepdf.String):
        return str(obj)
    if isinstance(obj, Name):
        return str(obj)[1:]
    return str(obj)


def objid(obj):
    """Identity of an indirect object, or of a direct one by its Python identity."""
    if obj is None:
        return None
    if obj.is_indirect:
        return obj.objgen
    return ("direct", id(obj))


# --- fonts -----------------------------------------------------------------------------

HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


def _hex(token):
    return bytes.fromhex(re.sub(rb"\s", b"", token).decode())


def _utf16(b):
    return b.decode("utf-16-be", errors="replace")


class Font:
    """Decodes a font's shown strings to text through its ToUnicode CMap."""

    def __init__(self, font):
        self.two_byte = font.get("/Subtype") == Name.Type0
        self.map = {}
        self.code_lengths = set()
        self.has_cmap = False
        tu = font.get("/ToUnicode")
        if isinstance(tu, pikepdf.Stream):
            self.has_cmap = True
            self._parse(tu.read_bytes())
        if not self.code_lengths:
            self.code_lengths = {2 if self.two_byte else 1}

    def _parse(self, data):
        for block in re.findall(rb"begincodespacerange(.*?)endcodespacerange", data, re.S):
            for lo, _hi in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                self.code_lengths.add(len(lo) // 2)
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f\s]*)>", block):
                self.map[_hex(src)] = _utf16(_hex(dst))
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
            for lo, hi, rest in re.findall(
                    rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f\s]*>|\[[^\]]*\])",
                    block):
                lo_b, hi_b = _hex(lo), _hex(hi)
                n, lo_i, hi_i = len(lo_b), int.from_bytes(lo_b, "big"), int.from_bytes(hi_b, "big")
                if hi_i - lo_i > 0x10000:
                    continue
                if rest.startswith(b"["):
                    dsts = [_hex(t) for t in HEX.findall(rest)]
                    for i, d in enumerate(dsts[: hi_i - lo_i + 1]):
                        self.map[(lo_i + i).to_bytes(n, "big")] = _utf16(d)
                else:
                    base = _hex(rest[1:-1])
                    head = base[:-2]
                    last = int.from_bytes(base[-2:], "big") if len(base) >= 2 else 0
                    for i in range(hi_i - lo_i + 1):
                        dst = head + ((last + i) & 0xFFFF).to_bytes(2, "big")
                        self.map[(lo_i + i).to_bytes(n, "big")] = _utf16(dst)

    def decode(self, data):
        if not self.has_cmap:
            if self.two_byte:
                return "\ufffd" * (len(data) // 2)
            return data.decode("latin-1")
        out, i = [], 0
        lengths = sorted(self.code_lengths)
        while i < len(data):
            for n in lengths:
                code = data[i:i + n]
                if code in self.map:
                    out.append(self.map[code])
                    i += n
                    break
            else:
                out.append("\ufffd")
                i += lengths[0]
        return "".join(out)


# --- page content ----------------------------------------------------------------------

class McidContent:
    """The text one MCID marks: pieces (glyphs shown, or an /ActualText standing for the
    glyphs it covers), each with the baseline it was shown on."""

    def __init__(self):
        self.pieces = []  # (text, y, is_actual_text, covered_by_actual_text)

    def joined(self, glyphs=False, lines=True):
        """Glyphs only (as poppler quotes them) or with ActualText; lines=True puts a
        space where text continues on another line (line_joint)."""
        text, last_y = "", None
        for piece, y, actual, covered in self.pieces:
            if (actual if glyphs else covered):
                continue
            if lines:
                text += line_joint(text, last_y, y, piece)
            text += piece
            last_y = y
        return text

    @property
    def text(self):
        return self.joined()

    @property
    def first_y(self):
        return self.pieces[0][1] if self.pieces else None

    @property
    def last_y(self):
        return self.pieces[-1][1] if self.pieces else None


class PageContent:
    """What one page's content stream marks: its MCIDs with their text, and its faults."""

    def __init__(self, pdf, page, number):
        self.number = number  # 1-based
        self.mcids = {}  # mcid -> McidContent
        self.errors = []
        # Each artifact in content order: [type, subtype, glyph text]; and each painting
        # operator with where it lies: ("Artifact", index into artifacts) or (the tag of
        # its MCID sequence, mcid), or None outside marked content.
        self.artifacts = []
        self.painted = []
        self._fonts = {}
        self._walk(page)

    def _font(self, resources, name):
        key = str(name)
        if key not in self._fonts:
            fonts = resources.get("/Font") if resources is not None else None
            font = fonts.get(key) if fonts is not None else None
            self._fonts[key] = Font(font) if font is not None else None
        return self._fonts[key]

    def _err(self, msg):
        self.errors.append(f"page {self.number}: {msg}")

    def _walk(self, page):
        resources = page.obj.get("/Resources")
        try:
            instructions = pikepdf.parse_content_stream(page)
        except pikepdf.PdfError as e:
            self._err(f"content stream does not parse: {e}")
            return
        stack = []  # each: dict(tag, mcid, artifact, suppress)
        font = None
        tlm = [1, 0, 0, 1, 0, 0]
        leading = 0
        previous_op = None
        for index, ins in enumerate(instructions):
            op = str(ins.operator)
            operands = ins.operands if hasattr(ins, "operands") else []
            if op in ("BMC", "BDC"):
                tag = str(operands[0])[1:] if operands else "?"
                props = None
                if op == "BDC" and len(operands) > 1:
                    props = operands[1]
                    if isinstance(props, Name):
                        table = resources.get("/Properties") if resources is not None else None
                        props = table.get(str(props)) if table is not None else None
                        if props is None:
                            self._err(f"BDC /{tag} names properties {operands[1]} "
                                      f"that /Resources /Properties lacks")
                mcid = None
                if isinstance(props, Dictionary) and "/MCID" in props:
                    mcid = int(props.MCID)
                artifact = tag == "Artifact"
                outer_mcid = next((e["mcid"] for e in stack if e["mcid"] is not None), None)
                in_artifact = any(e["artifact"] for e in stack)
                if mcid is not None and in_artifact:
                    self._err(f"MCID {mcid} (/{tag}) lies inside an Artifact")
                if mcid is not None and outer_mcid is not None:
                    self._err(f"MCID {mcid} (/{tag}) lies inside MCID {outer_mcid}")
                if artifact and outer_mcid is not None:
                    self._err(f"an Artifact lies inside MCID {outer_mcid}")
                if artifact:
                    kind = props.get("/Type") if isinstance(props, Dictionary) else None
                    sub = props.get("/Subtype") if isinstance(props, Dictionary) else None
                    self.artifacts.append([pdf_str(kind), pdf_str(sub), ""])
                if mcid is not None:
                    if mcid in self.mcids:
                        self._err(f"MCID {mcid} marks two sequences")
                    self.mcids.setdefault(mcid, McidContent())
                actual = props.get("/ActualText") if isinstance(props, Dictionary) else None
                entry = {"tag": tag, "mcid": mcid, "artifact": artifact,
                         "suppress": actual is not None,
                         "index": len(self.artifacts) - 1 if artifact else None}
                stack.append(entry)
                if actual is not None and not any(e["suppress"] for e in stack[:-1]):
                    target = self._current_mcid(stack)
                    if target is not None:
                        self.mcids[target].pieces.append((pdf_str(actual), tlm[5], True, False))
            elif op == "EMC":
                if not stack:
                    self._err(f"EMC (operator {index}) without BMC or BDC")
                else:
                    stack.pop()
            elif op == "BT":
                tlm = [1, 0, 0, 1, 0, 0]
            elif op == "Tm" and len(operands) == 6:
                tlm = [float(x) for x in operands]
            elif op in ("Td", "TD") and len(operands) == 2:
                tx, ty = float(operands[0]), float(operands[1])
                if op == "TD":
                    leading = -ty
                tlm = self._translate(tlm, tx, ty)
            elif op == "TL" and operands:
                leading = float(operands[0])
            elif op == "T*":
                tlm = self._translate(tlm, 0, -leading)
            elif op == "Tf" and operands:
                font = self._font(resources, operands[0])

            if op in ("'", '"'):
                tlm = self._translate(tlm, 0, -leading)
            if op in PAINTING and not (op == "n" and previous_op in ("W", "W*")):
                if not any(e["mcid"] is not None or e["artifact"] for e in stack):
                    self._err(f"'{op}' (operator {index}) is painted outside marked content")
                self.painted.append((op, self._where(stack)))
            if op in TEXT_SHOWING:
                where = self._where(stack)
                if where is not None and where[0] == "Artifact":
                    self.artifacts[where[1]][2] += self._shown(font, op, operands)
                target = self._current_mcid(stack)
                if target is not None:
                    covered = any(e["suppress"] for e in stack)
                    self.mcids[target].pieces.append(
                        (self._shown(font, op, operands), tlm[5], False, covered))
            previous_op = op
        if stack:
            self._err(f"{len(stack)} marked-content sequence(s) not closed at the end "
                      f"(/{stack[-1]['tag']})")

    @staticmethod
    def _where(stack):
        for e in reversed(stack):
            if e["artifact"]:
                return ("Artifact", e["index"])
            if e["mcid"] is not None:
                return (e["tag"], e["mcid"])
        return None

    @staticmethod
    def _current_mcid(stack):
        for e in reversed(stack):
            if e["mcid"] is not None:
                return e["mcid"]
        return None

    @staticmethod
    def _translate(m, tx, ty):
        a, b, c, d, e, f = m
        return [a, b, c, d, tx * a + ty * c + e, tx * b + ty * d + f]

    @staticmethod
    def _shown(font, op, operands):
        if font is None:
            return ""
        if op == "TJ":
            parts = operands[0] if operands else []
            return "".join(font.decode(bytes(p)) for p in parts
                           if isinstance(p, pikepdf.String))
        arg = operands[-1] if operands else None
        return font.decode(bytes(arg)) if isinstance(arg, pikepdf.String) else ""


def line_joint(before, before_y, y, after):
    """A space where text continues on another line and neither side has one: how a
    reader joins lines (the dump shows a line-end hyphen as 'Informations- sicherheit')."""
    if not before or not after or before_y is None or y is None:
        return ""
    if abs(before_y - y) < 0.01 or before[-1].isspace() or after[0].isspace():
        return ""
    return " "


# --- structure tree --------------------------------------------------------------------

class Element:
    def __init__(self, obj, role, raw_role, parent, page):
        self.obj = obj
        self.role = role
        self.raw_role = raw_role
        self.parent = parent
        self.page = page  # the page index /Pg says (inherited), or None
        self.kids = []  # ("mcid", page, mcid) | ("elem", Element) | ("objr", annot, page)

    def name(self):
        num = f" (obj {self.obj.objgen[0]})" if self.obj.is_indirect else ""
        return f"{self.role}{num}"


def number_tree(node, out, errors, depth=0):
    if depth > 32:
        errors.append("ParentTree: nested more than 32 levels")
        return
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids") or []:
        number_tree(kid, out, errors, depth + 1)


class TaggedPdf:
    def __init__(self, path):
        self.path = path
        self.pdf = pikepdf.open(path)
        self.errors = []
        self.pages = list(self.pdf.pages)
        self.page_index = {p.obj.objgen: i for i, p in enumerate(self.pages)}
        self.content = [PageContent(self.pdf, p, i + 1) for i, p in enumerate(self.pages)]
        self.root = self.pdf.Root.get("/StructTreeRoot")
        self.role_map = {}
        self.elements = []  # in tree order
        self.top = []
        if self.root is not None:
            rm = self.root.get("/RoleMap")
            if rm is not None:
                self.role_map = {k[1:]: str(v)[1:] for k, v in rm.items()}
            self._read_tree()

    def mapped(self, raw):
        role, seen = raw, set()
        while role not in STANDARD_ROLES and role in self.role_map and role not in seen:
            seen.add(role)
            role = self.role_map[role]
        return role

    def _page_of(self, obj, inherited):
        pg = obj.get("/Pg")
        if pg is None:
            return inherited
        return self.page_index.get(pg.objgen)

    def _read_tree(self):
        seen = set()
        root_id = objid(self.root)

        def visit(obj, parent, page):
            if obj.objgen in seen and obj.is_indirect:
                self.errors.append(f"structure element obj {obj.objgen[0]} is reached twice")
                return None
            seen.add(obj.objgen)
            raw = str(obj.get("/S", Name("/?")))[1:]
            el = Element(obj, self.mapped(raw), raw, parent, self._page_of(obj, page))
            self.elements.append(el)
            p = obj.get("/P")
            want = objid(parent.obj) if parent is not None else root_id
            if p is None:
                self.errors.append(f"{el.name()} has no /P")
            elif objid(p) != want:
                whose = parent.name() if parent is not None else "the StructTreeRoot"
                self.errors.append(f"{el.name()} has /P obj {p.objgen[0]}, but its parent is "
                                   f"{whose}")
            kids = obj.get("/K")
            if kids is None:
                kids = []
            elif not isinstance(kids, Array):
                kids = [kids]
            for k in kids:
                if isinstance(k, int) or (isinstance(k, pikepdf.Object) and
                                          k._type_code == pikepdf.ObjectType.integer):
                    el.kids.append(("mcid", el.page, int(k)))
                elif isinstance(k, Dictionary):
                    kind = k.get("/Type")
                    if kind == Name.MCR:
                        if "/Stm" in k:
                            self.errors.append(f"{el.name()}: MCR into a stream (/Stm) "
                                               f"is not supported by this checker")
                        el.kids.append(("mcid", self._page_of(k, el.page), int(k.MCID)))
                    elif kind == Name.OBJR:
                        el.kids.append(("objr", k.get("/Obj"), self._page_of(k, el.page)))
                    else:
                        child = visit(k, el, el.page)
                        if child is not None:
                            el.kids.append(("elem", child))
            return el

        k = self.root.get("/K")
        tops = [] if k is None else (list(k) if isinstance(k, Array) else [k])
        for t in tops:
            if isinstance(t, Dictionary):
                el = visit(t, None, None)
                if el is not None:
                    self.top.append(el)

    # --- text of elements ---

    def mcid_text(self, page, mcid):
        if page is None or page >= len(self.content):
            return None
        c = self.content[page].mcids.get(mcid)
        return c

    def own_text(self, el):
        """The text of an element's own content items, joined as a reader joins lines."""
        text, last = "", None
        for kid in el.kids:
            if kid[0] != "mcid":
                continue
            c = self.mcid_text(kid[1], kid[2])
            if c is None or not c.text:
                continue
            last_y = last[1] if last is not None and last[0] == kid[1] else None
            joint = line_joint(text, last_y, c.first_y, c.text)
            if last is not None and last[0] != kid[1] and text and not text[-1].isspace() \
                    and not c.text[0].isspace():
                joint = " "
            text += joint + c.text
            last = (kid[1], c.last_y)
        return text

    # --- annotations ---

    def link_target(self, annot):
        action = annot.get("/A")
        if isinstance(action, Dictionary):
            if action.get("/S") == Name.URI:
                return pdf_str(action.get("/URI"))
            if action.get("/S") == Name.GoTo:
                return self._dest(action.get("/D"))
        if "/Dest" in annot:
            return self._dest(annot.get("/Dest"))
        return "no target"

    def _dest(self, d):
        if isinstance(d, (pikepdf.String, Name)):
            d = self._named_dest(d)
        if isinstance(d, Dictionary):
            d = d.get("/D")
        if isinstance(d, Array) and len(d) > 0 and isinstance(d[0], Dictionary):
            i = self.page_index.get(d[0].objgen)
            if i is not None:
                return f"page {i + 1}"
        return "unresolved destination"

    def _named_dest(self, name):
        key = pdf_str(name)
        dests = self.pdf.Root.get("/Dests")
        if isinstance(dests, Dictionary) and ("/" + key) in dests:
            return dests["/" + key]
        names = self.pdf.Root.get("/Names")
        tree = names.get("/Dests") if isinstance(names, Dictionary) else None

        def look(node):
            arr = node.get("/Names")
            if arr is not None:
                for i in range(0, len(arr) - 1, 2):
                    if pdf_str(arr[i]) == key:
                        return arr[i + 1]
            for kid in node.get("/Kids") or []:
                r = look(kid)
                if r is not None:
                    return r
            return None

        return look(tree) if tree is not None else None


# --- dump ------------------------------------------------------------------------------

def short(text):
    text = re.sub(r"\s+", " ", text)
    if len(text) > TRUNCATE:
        text = text[: TRUNCATE - 1] + "…"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def bbox_of(obj):
    attrs = obj.get("/A")
    if attrs is None:
        return None
    items = list(attrs) if isinstance(attrs, Array) else [attrs]
    for a in items:
        if isinstance(a, Dictionary) and "/BBox" in a:
            return [round(float(x)) for x in a.BBox]
    return None


def element_label(doc, el):
    parts = [el.role if el.role == el.raw_role else f"{el.role} ({el.raw_role})"]
    for key in ("/Lang", "/Alt", "/ActualText", "/E"):
        if key in el.obj:
            value = pdf_str(el.obj[key])
            parts.append(f"{key[1:]}={short(value) if key != '/Lang' else value}")
    box = bbox_of(el.obj)
    if box is not None and el.role in ("Figure", "Formula", "Form", "Table"):
        parts.append("BBox=[" + " ".join(str(x) for x in box) + "]")
    return " ".join(parts)


def dump_lines(doc):
    lines = []

    def objr_label(annot, page):
        if not isinstance(annot, Dictionary):
            return "[OBJR to nothing]"
        sub = pdf_str(annot.get("/Subtype")) or "?"
        if sub == "Link":
            return f"[Link annotation: {doc.link_target(annot)}]"
        return f"[{sub} annotation]"

    def visit(el, depth):
        pad = "  " * depth
        label = element_label(doc, el)
        if not any(k[0] == "elem" for k in el.kids):
            text = doc.own_text(el)
            lines.append(pad + label + (" " + short(text) if text else ""))
            for kid in el.kids:
                if kid[0] == "objr":
                    lines.append(pad + "  " + objr_label(kid[1], kid[2]))
            return
        lines.append(pad + label)
        run = []  # consecutive MCIDs print as one text line

        def flush():
            if run:
                fake = Element(el.obj, el.role, el.raw_role, None, None)
                fake.kids = list(run)
                text = doc.own_text(fake)
                if text:
                    lines.append(pad + "  " + short(text))
                run.clear()

        for kid in el.kids:
            if kid[0] == "mcid":
                run.append(kid)
                continue
            flush()
            if kid[0] == "elem":
                visit(kid[1], depth + 1)
            else:
                lines.append(pad + "  " + objr_label(kid[1], kid[2]))
        flush()

    if doc.root is None:
        return ["(no StructTreeRoot)"]
    for el in doc.top:
        visit(el, 0)
    return lines


# --- text in structure order -----------------------------------------------------------

def text_lines(doc, glyphs=False):
    """One line per content item (MCID) in structure order, as `pdfinfo -struct-text`
    quotes them: the text shown, lines joined as they are (no space added), with
    /ActualText in place of the glyphs it covers unless glyphs=True (poppler 22.12
    ignores /ActualText there)."""
    out = []

    def visit(el):
        for kid in el.kids:
            if kid[0] == "mcid":
                c = doc.mcid_text(kid[1], kid[2])
                out.append(c.joined(glyphs, lines=False) if c is not None else "")
            elif kid[0] == "elem":
                visit(kid[1])

    for el in doc.top:
        visit(el)
    return out


# --- check -----------------------------------------------------------------------------

def parse_pdf_date(s):
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?"
                 r"(Z|[+-]\d{2}'?\d{2}'?)?", s or "")
    if not m:
        return None
    y, mo, d, h, mi, se = (int(g) if g else dflt for g, dflt in
                           zip(m.groups()[:6], (0, 1, 1, 0, 0, 0)))
    tz = m.group(7)
    offset = datetime.timedelta(0)
    if tz and tz != "Z":
        digits = tz.replace("'", "")
        sign = -1 if digits[0] == "-" else 1
        offset = sign * datetime.timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5]))
    return datetime.datetime(y, mo, d, h, mi, se, tzinfo=datetime.timezone(offset))


def parse_xmp_date(s):
    if not s:
        return None
    s = s.strip().replace("Z", "+00:00")
    try:
        return datetime.datetime.fromisoformat(s)
    except ValueError:
        return None


NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
}


def xmp_values(tree):
    """The XMP properties we compare, whether written as elements or attributes."""
    found = {}
    for desc in tree.iter(f"{{{NS['rdf']}}}Description"):
        for key, value in desc.attrib.items():
            found.setdefault(key, value)
        for child in desc:
            lis = child.findall(f".//{{{NS['rdf']}}}li")
            if lis:
                default = [li for li in lis if li.get(
                    "{http://www.w3.org/XML/1998/namespace}lang") == "x-default"]
                found.setdefault(child.tag, ((default or lis)[0].text or ""))
            else:
                found.setdefault(child.tag, child.text or "")
    return found


def check(doc):
    errors = list(doc.errors)
    for c in doc.content:
        errors.extend(c.errors)
    cat = doc.pdf.Root

    # the catalog
    lang = cat.get("/Lang")
    if lang is None or not pdf_str(lang).strip():
        errors.append("catalog: no /Lang")
    mark = cat.get("/MarkInfo")
    if not isinstance(mark, Dictionary) or mark.get("/Marked") is not True:
        errors.append("catalog: /MarkInfo /Marked is not true")
    vp = cat.get("/ViewerPreferences")
    if not isinstance(vp, Dictionary) or vp.get("/DisplayDocTitle") is not True:
        errors.append("catalog: /ViewerPreferences /DisplayDocTitle is not true")

    if doc.root is None:
        errors.append("catalog: no /StructTreeRoot")
        return errors + check_xmp(doc)
    if doc.root.get("/Type") != Name.StructTreeRoot:
        errors.append("StructTreeRoot: /Type is not /StructTreeRoot")
    if len(doc.top) != 1 or doc.top[0].role != "Document":
        roles = ", ".join(e.role for e in doc.top) or "nothing"
        errors.append(f"StructTreeRoot: /K must be one Document element, is {roles}")

    for el in doc.elements:
        if el.role not in STANDARD_ROLES:
            errors.append(f"{el.name()}: role /{el.raw_role} is neither standard nor mapped "
                          f"to a standard role by the RoleMap")

    # every MCID of every page reached exactly once, and nothing reached that is not there
    reached = {}  # (page, mcid) -> [Element]
    for el in doc.elements:
        for kid in el.kids:
            if kid[0] == "mcid":
                if kid[1] is None:
                    errors.append(f"{el.name()}: MCID {kid[2]} without a page (/Pg)")
                    continue
                reached.setdefault((kid[1], kid[2]), []).append(el)
    for (page, mcid), els in sorted(reached.items()):
        if page >= len(doc.content) or mcid not in doc.content[page].mcids:
            errors.append(f"{els[0].name()} reaches MCID {mcid} on page {page + 1}, which "
                          f"that page's content does not mark")
        elif len(els) > 1:
            errors.append(f"page {page + 1}: MCID {mcid} is reached from "
                          f"{len(els)} structure elements ("
                          + ", ".join(e.name() for e in els) + ")")
    for i, c in enumerate(doc.content):
        for mcid, content in sorted(c.mcids.items()):
            if (i, mcid) not in reached:
                errors.append(f"page {i + 1}: MCID {mcid} ({short(content.text)}) is not reached "
                              f"from the structure tree")

    # the ParentTree maps every MCID and every annotation back
    parents = {}
    pt = doc.root.get("/ParentTree")
    if pt is None:
        errors.append("StructTreeRoot: no /ParentTree")
    else:
        number_tree(pt, parents, errors)
    for i, c in enumerate(doc.content):
        if not c.mcids:
            continue
        page = doc.pages[i].obj
        if "/StructParents" not in page:
            errors.append(f"page {i + 1}: marks MCIDs but has no /StructParents")
            continue
        key = int(page.StructParents)
        arr = parents.get(key)
        if pt is not None and not isinstance(arr, Array):
            errors.append(f"ParentTree: no array for page {i + 1} (/StructParents {key})")
            continue
        if arr is None:
            continue
        for mcid in sorted(c.mcids):
            els = reached.get((i, mcid))
            if not els:
                continue
            if mcid >= len(arr) or not isinstance(arr[mcid], Dictionary):
                errors.append(f"ParentTree: page {i + 1} (/StructParents {key}) maps MCID "
                              f"{mcid} to nothing; the tree reaches it from {els[0].name()}")
            elif objid(arr[mcid]) != objid(els[0].obj):
                got = doc.mapped(str(arr[mcid].get("/S", Name("/?")))[1:])
                errors.append(f"ParentTree: page {i + 1} (/StructParents {key}) maps MCID "
                              f"{mcid} to {got} (obj {arr[mcid].objgen[0]}), but the tree "
                              f"reaches it from {els[0].name()}")

    # links
    objr_of = {}  # annotation id -> [Element]
    for el in doc.elements:
        for kid in el.kids:
            if kid[0] == "objr" and kid[1] is not None:
                objr_of.setdefault(objid(kid[1]), []).append(el)
    for i, page in enumerate(doc.pages):
        annots = page.obj.get("/Annots") or []
        if len(annots) and page.obj.get("/Tabs") != Name.S:
            errors.append(f"page {i + 1}: has annotations but no /Tabs /S")
        for a in annots:
            sub = a.get("/Subtype")
            if sub in (Name.Popup,):
                continue
            what = f"page {i + 1}: {pdf_str(sub)} annotation (obj {a.objgen[0]}, " \
                   f"{doc.link_target(a) if sub == Name.Link else 'not a link'})"
            contents = a.get("/Contents")
            if contents is None or not pdf_str(contents).strip():
                errors.append(f"{what} has no /Contents")
            flags = int(a.get("/F", 0))
            if not flags & 4:
                errors.append(f"{what} lacks the print flag (/F {flags})")
            if "/StructParent" not in a:
                errors.append(f"{what} has no /StructParent")
            else:
                target = parents.get(int(a.StructParent))
                els = objr_of.get(objid(a), [])
                if not isinstance(target, Dictionary):
                    errors.append(f"{what}: the ParentTree maps its /StructParent "
                                  f"{int(a.StructParent)} to nothing")
                else:
                    role = doc.mapped(str(target.get("/S", Name("/?")))[1:])
                    if sub == Name.Link and role != "Link":
                        errors.append(f"{what}: the ParentTree maps it to {role}, not Link")
                    if objid(target) not in [objid(e.obj) for e in els]:
                        errors.append(f"{what}: the element the ParentTree maps it to "
                                      f"({role}) holds no OBJR to it")
            if not objr_of.get(objid(a)):
                errors.append(f"{what}: no structure element holds an OBJR to it")
            elif len(objr_of[objid(a)]) > 1:
                errors.append(f"{what}: {len(objr_of[objid(a)])} OBJRs reach it")

    # element rules
    last_level = 0
    for el in doc.elements:
        if el.role == "Figure":
            alt = el.obj.get("/Alt")
            if alt is None or not pdf_str(alt).strip():
                errors.append(f"{el.name()} has no /Alt")
            # ISO 32000-1, Table 344: BBox is required of a figure on one page.
            pages = {k[1] for k in el.kids if k[0] == "mcid"}
            if len(pages) == 1 and bbox_of(el.obj) is None:
                errors.append(f"{el.name()} on page {pages.pop() + 1} has no /BBox "
                              f"(a /Layout attribute)")
        m = re.fullmatch(r"H([1-6])", el.role)
        if m:
            level = int(m.group(1))
            if level > last_level + 1:
                errors.append(f"{el.name()} {short(doc.own_text(el))} follows "
                              + (f"H{last_level}" if last_level else "no heading")
                              + ": heading levels skip")
            last_level = level
        kids = [k[1] for k in el.kids if k[0] == "elem"]
        if el.role == "L":
            for k in kids:
                if k.role not in ("LI", "Caption"):
                    errors.append(f"{el.name()} holds {k.role}, not LI")
            if not any(k.role == "LI" for k in kids):
                errors.append(f"{el.name()} holds no LI")
        if el.role == "LI":
            roles = [k.role for k in kids]
            for r in roles:
                if r not in ("Lbl", "LBody"):
                    errors.append(f"{el.name()} holds {r}, not Lbl or LBody")
            if "Lbl" not in roles or "LBody" not in roles:
                errors.append(f"{el.name()} does not hold both Lbl and LBody "
                              f"(holds {', '.join(roles) or 'nothing'})")
            if any(k[0] == "mcid" for k in el.kids):
                errors.append(f"{el.name()} holds content outside Lbl and LBody")
        if el.role == "LI" and (el.parent is None or el.parent.role != "L"):
            errors.append(f"{el.name()} is not in an L")
        if el.role == "TOC":
            for k in kids:
                if k.role not in ("TOCI", "TOC", "Caption"):
                    errors.append(f"{el.name()} holds {k.role}, not TOCI")
            if not any(k.role == "TOCI" for k in kids):
                errors.append(f"{el.name()} holds no TOCI")
        if el.role == "TOCI" and (el.parent is None or el.parent.role != "TOC"):
            errors.append(f"{el.name()} is not in a TOC")

    return errors + check_xmp(doc)


def check_xmp(doc):
    errors = []
    meta = doc.pdf.Root.get("/Metadata")
    if not isinstance(meta, pikepdf.Stream):
        return ["catalog: no /Metadata stream (XMP)"]
    if "/Filter" in meta:
        errors.append("XMP: the /Metadata stream is compressed (/Filter)")
    try:
        tree = ET.fromstring(meta.read_bytes())
    except ET.ParseError as e:
        return errors + [f"XMP: does not parse: {e}"]
    xmp = xmp_values(tree)
    info = doc.pdf.trailer.get("/Info")
    info = info if isinstance(info, Dictionary) else Dictionary()
    pairs = [
        ("dc:title", f"{{{NS['dc']}}}title", "/Title", "text"),
        ("dc:creator", f"{{{NS['dc']}}}creator", "/Author", "text"),
        ("pdf:Producer", f"{{{NS['pdf']}}}Producer", "/Producer", "text"),
        ("xmp:CreateDate", f"{{{NS['xmp']}}}CreateDate", "/CreationDate", "date"),
        ("xmp:ModifyDate", f"{{{NS['xmp']}}}ModifyDate", "/ModDate", "date"),
        # The other Info entries PDF/A-2 (6.6.2.3.1) wants mirrored, when either has them.
        ("dc:description", f"{{{NS['dc']}}}description", "/Subject", "text"),
        ("xmp:CreatorTool", f"{{{NS['xmp']}}}CreatorTool", "/Creator", "text"),
        ("pdf:Keywords", f"{{{NS['pdf']}}}Keywords", "/Keywords", "text"),
    ]
    for label, tag, key, kind in pairs:
        x = xmp.get(tag)
        i = pdf_str(info.get(key)) if key in info else None
        if x is None and i is None:
            if key in ("/Title", "/Producer"):
                errors.append(f"XMP: no {label} and no Info {key}")
            continue
        if x is None or i is None:
            errors.append(f"XMP: {label} is {x!r}, Info {key} is {i!r}")
            continue
        if kind == "date":
            xd, idate = parse_xmp_date(x), parse_pdf_date(i)
            if xd is None or idate is None or xd != idate:
                errors.append(f"XMP: {label} {x} disagrees with Info {key} {i}")
        elif x != i:
            errors.append(f"XMP: {label} {x!r} disagrees with Info {key} {i!r}")
    return errors


def main(argv):
    glyphs = "--glyphs" in argv
    argv = [a for a in argv if a != "--glyphs"]
    if len(argv) != 3 or argv[1] not in ("dump", "check", "text"):
        print(__doc__.strip().split("\n\n")[0], file=sys.stderr)
        return 2
    try:
        doc = TaggedPdf(argv[2])
    except (pikepdf.PdfError, OSError) as e:
        print(f"{argv[2]}: error: {e}", file=sys.stderr)
        return 1
    if argv[1] == "dump":
        sys.stdout.write("".join(line + "\n" for line in dump_lines(doc)))
        return 0
    if argv[1] == "text":
        sys.stdout.write("".join(line + "\n" for line in text_lines(doc, glyphs)))
        return 0
    errors = check(doc)
    for e in errors:
        print(f"{argv[2]}: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
