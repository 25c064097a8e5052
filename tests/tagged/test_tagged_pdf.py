#!/usr/bin/python3
"""The checker catches what it claims to: a small tagged PDF made here with pikepdf passes,
and each test breaks one thing in it and expects the message that names it.

    /usr/bin/python3 -m unittest tests/tagged/test_tagged_pdf.py   (ctest: tagged.checker)
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name, String

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tagged_pdf  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def enc(text):
    """A string for the probe font: 2-byte codes that are the code points."""
    return "<" + text.encode("utf-16-be").hex() + ">"


# The ToUnicode CMap as chronik writes it (identity bfranges, one per high byte), plus one
# bfchar so both forms are read.
CMAP = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
2 beginbfrange
<0000> <00FF> <0000>
<2000> <20FF> <2000>
endbfrange
1 beginbfchar
<0100> <201E>
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""

PAGE1 = f"""/Artifact <</Type /Pagination /Subtype /Header>> BDC
BT /F1 9 Tf 50 800 Td {enc("Kopfzeile")} Tj ET
EMC
/H1 <</MCID 0>> BDC
BT /F1 24 Tf 50 750 Td {enc("Probe")} Tj ET
EMC
/P <</MCID 1>> BDC
BT /F1 12 Tf 50 700 Td {enc("Ein Absatz mit einem ")} Tj ET
EMC
/Link <</MCID 2>> BDC
BT /F1 12 Tf 170 700 Td {enc("Verweis")} Tj ET
EMC
/Artifact BMC
0.5 w 170 698 m 215 698 l S
EMC
/P <</MCID 3>> BDC
BT /F1 12 Tf 215 700 Td {enc(" zur ")} Tj
/Span <</ActualText (Informationssicherheit)>> BDC
{enc("Informations-")} Tj 0 -14 Td {enc("sicherheit")} Tj
EMC
[{enc(" und ")} -250 {enc("mehr.")}] TJ ET
EMC
/H2 <</MCID 7>> BDC
BT /F1 16 Tf 50 640 Td {enc("Abschnitt")} Tj ET
EMC
/Figure <</MCID 4>> BDC
q 0.5 g 50 500 100 80 re f Q
EMC
/Artifact <</Type /Layout>> BDC
q 0 0 1 rg 40 100 2 600 re f Q
EMC
q 0 0 595 842 re W n
/Lbl <</MCID 5>> BDC
BT /F1 12 Tf 50 450 Td {enc("2019")} Tj ET
EMC
/LBody <</MCID 6>> BDC
BT /F1 12 Tf 90 450 Td {enc("Ein Jahr")} Tj ET
EMC
Q
""".encode()

PAGE2 = f"""/TOCI <</MCID 0>> BDC
BT /F1 12 Tf 50 750 Td {enc("Probe ")} Tj ET
EMC
/Artifact BMC
[1 3] 0 d 100 750 m 300 750 l S
EMC
/Reference <</MCID 1>> BDC
BT /F1 12 Tf 310 750 Td {enc("1")} Tj ET
EMC
/Artifact <</Type /Pagination /Subtype /Footer>> BDC
BT /F1 9 Tf 290 40 Td {enc("2")} Tj ET
EMC
""".encode()

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    pdf:Producer="probe 1.0" xmp:CreatorTool="probe maker" pdf:Keywords="eins, zwei">
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Worum es geht</rdf:li></rdf:Alt>
   </dc:description>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Probe „Titel“</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>Beispiel GmbH</rdf:li></rdf:Seq></dc:creator>
   <xmp:CreateDate>2024-05-01T10:00:00Z</xmp:CreateDate>
   <xmp:ModifyDate>2024-05-01T12:00:00+02:00</xmp:ModifyDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""


class Probe:
    """A good tagged PDF of two pages; its objects are attributes for the tests to break."""

    def __init__(self, page1=PAGE1, page2=PAGE2, xmp=XMP):
        pdf = self.pdf = pikepdf.new()
        ind = pdf.make_indirect
        font = ind(Dictionary(
            Type=Name.Font, Subtype=Name.Type0, BaseFont=Name.Probe,
            Encoding=Name("/Identity-H"),
            DescendantFonts=Array([ind(Dictionary(
                Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name.Probe,
                CIDSystemInfo=Dictionary(Registry=String("Adobe"),
                                         Ordering=String("Identity"), Supplement=0),
                FontDescriptor=ind(Dictionary(
                    Type=Name.FontDescriptor, FontName=Name.Probe, Flags=32,
                    FontBBox=Array([0, -200, 1000, 800]), ItalicAngle=0, Ascent=800,
                    Descent=-200, CapHeight=700, StemV=80)),
                DW=500))]),
            ToUnicode=pikepdf.Stream(pdf, CMAP)))
        resources = Dictionary(Font=Dictionary(F1=font))
        for content in (page1, page2):
            pdf.pages.append(pikepdf.Page(Dictionary(
                Type=Name.Page, MediaBox=Array([0, 0, 595, 842]), Resources=resources,
                Contents=pikepdf.Stream(pdf, content))))
        p1, p2 = pdf.pages[0].obj, pdf.pages[1].obj
        self.p1, self.p2 = p1, p2
        p1.StructParents, p2.StructParents = 0, 1

        root = self.root = ind(Dictionary(Type=Name.StructTreeRoot))

        def el(role, parent, kids, page=p1, **extra):
            e = ind(Dictionary(Type=Name.StructElem, S=Name("/" + role), P=parent,
                               K=Array(kids), Pg=page, **extra))
            return e

        doc = self.doc = el("Document", root, [])
        root.K = doc
        self.h1 = el("H1", doc, [0])
        self.p = el("P", doc, [1])
        self.annot = ind(Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=Array([170, 696, 215, 712]),
            A=Dictionary(S=Name.URI, URI=String("https://example.org/")),
            Contents=String("Verweis auf example.org"), F=4, StructParent=2,
            Border=Array([0, 0, 0])))
        self.link = el("Link", self.p, [2, Dictionary(Type=Name.OBJR, Obj=self.annot)])
        self.p.K = Array([1, self.link, 3])
        self.h2 = el("Chapter", doc, [7])
        self.figure = el("Figure", doc, [4], Alt=String("Ein graues Rechteck"),
                         A=Dictionary(O=Name.Layout, BBox=Array([50, 500, 150, 580])))
        self.l = el("L", doc, [])
        self.li = el("LI", self.l, [])
        self.lbl = el("Lbl", self.li, [5])
        self.lbody = el("LBody", self.li, [6], Lang=String("en"))
        self.li.K = Array([self.lbl, self.lbody])
        self.l.K = Array([self.li])
        self.toc = el("TOC", doc, [], page=p2)
        self.toci = el("TOCI", self.toc, [], page=p2)
        self.annot2 = ind(Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=Array([50, 745, 320, 760]),
            Dest=Array([p1, Name.Fit]), Contents=String("Probe, Seite 1"), F=4,
            StructParent=3))
        self.toclink = el("Link", self.toci, [0, Dictionary(Type=Name.OBJR, Obj=self.annot2)],
                          page=p2)
        self.ref = el("Reference", self.toci, [1], page=p2)
        self.toci.K = Array([self.toclink, self.ref])
        self.toc.K = Array([self.toci])
        doc.K = Array([self.h1, self.p, self.h2, self.figure, self.l, self.toc])
        root.RoleMap = Dictionary(Chapter=Name.H2)
        p1.Annots = Array([self.annot])
        p2.Annots = Array([self.annot2])
        p1.Tabs = p2.Tabs = Name.S
        self.page1_mcids = Array([self.h1, self.p, self.link, self.p, self.figure, self.lbl,
                                  self.lbody, self.h2])
        root.ParentTree = ind(Dictionary(Nums=Array([
            0, self.page1_mcids, 1, Array([self.toclink, self.ref]), 2, self.link,
            3, self.toclink])))
        root.ParentTreeNextKey = 4

        pdf.Root.StructTreeRoot = root
        pdf.Root.Lang = String("de-DE")
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        meta = pikepdf.Stream(pdf, xmp.encode())
        meta.Type, meta.Subtype = Name.Metadata, Name.XML
        pdf.Root.Metadata = meta
        pdf.trailer.Info = ind(Dictionary(
            Title=String("Probe „Titel“"), Author=String("Beispiel GmbH"),
            Producer=String("probe 1.0"), Subject=String("Worum es geht"),
            Creator=String("probe maker"), Keywords=String("eins, zwei"),
            CreationDate=String("D:20240501100000+00'00'"), ModDate=String("D:20240501100000Z")))

    def save(self, folder, name="probe.pdf"):
        path = os.path.join(folder, name)
        # Uncompressed, so the XMP stays readable as PDF/A wants it.
        self.pdf.save(path, compress_streams=False, static_id=True, fix_metadata_version=False)
        return path


class CheckerTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="tagged-test-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def errors(self, probe):
        path = probe.save(self.dir)
        return tagged_pdf.check(tagged_pdf.TaggedPdf(path))

    def assertCaught(self, probe, *fragments):
        errors = self.errors(probe)
        for f in fragments:
            pattern = re.escape(f).replace("<n>", r"\d+")
            self.assertTrue(any(re.search(pattern, e) for e in errors),
                            f"no message contains {f!r}; messages: {errors}")
        return errors

    # --- the good probe ---

    def test_the_probe_passes(self):
        self.assertEqual(self.errors(Probe()), [])

    def test_dump_of_the_probe(self):
        doc = tagged_pdf.TaggedPdf(Probe().save(self.dir))
        self.assertEqual("\n".join(tagged_pdf.dump_lines(doc)), """\
Document
  H1 "Probe"
  P
    "Ein Absatz mit einem "
    Link "Verweis"
      [Link annotation: https://example.org/]
    " zur Informationssicherheit und mehr."
  H2 (Chapter) "Abschnitt"
  Figure Alt="Ein graues Rechteck" BBox=[50 500 150 580]
  L
    LI
      Lbl "2019"
      LBody Lang=en "Ein Jahr"
  TOC
    TOCI
      Link "Probe "
        [Link annotation: page 1]
      Reference "1\"""")

    def test_dump_truncates_long_text(self):
        long_text = "Wort " * 30
        probe = Probe(page1=PAGE1.replace(enc("Probe").encode(), enc(long_text).encode()))
        doc = tagged_pdf.TaggedPdf(probe.save(self.dir))
        h1 = tagged_pdf.dump_lines(doc)[1]
        self.assertEqual(h1, '  H1 "' + ("Wort " * 12)[:59] + '…"')

    def test_text_reads_actual_text(self):
        doc = tagged_pdf.TaggedPdf(Probe().save(self.dir))
        self.assertEqual(tagged_pdf.text_lines(doc)[:4], [
            "Probe", "Ein Absatz mit einem ", "Verweis", " zur Informationssicherheit und mehr."])
        self.assertEqual(tagged_pdf.text_lines(doc, glyphs=True)[3],
                         " zur Informations-sicherheit und mehr.")

    def test_glyph_text_is_what_pdfinfo_struct_text_quotes(self):
        # poppler 22.12 ignores /ActualText here, and ends a content item at the EMC of a
        # sequence nested in it (the text after the /Span would be missing): the probe's
        # hyphenated word ends its item, so the two agree.
        probe = Probe(page1=PAGE1.replace(
            f"[{enc(' und ')} -250 {enc('mehr.')}] TJ".encode(), b""))
        path = probe.save(self.dir)
        ours = tagged_pdf.text_lines(tagged_pdf.TaggedPdf(path), glyphs=True)
        self.assertEqual(ours[3], " zur Informations-sicherheit")
        self.assertEqual(ours, pdfinfo_struct_text(path))

    # --- the tree ---

    def test_no_struct_tree_root(self):
        probe = Probe()
        del probe.pdf.Root.StructTreeRoot
        self.assertCaught(probe, "catalog: no /StructTreeRoot")

    def test_root_is_not_a_document(self):
        probe = Probe()
        probe.root.K = Array([probe.h1, probe.p])
        probe.h1.P = probe.p.P = probe.root
        self.assertCaught(probe, "StructTreeRoot: /K must be one Document element, is H1, P")

    def test_wrong_parent(self):
        probe = Probe()
        probe.lbl.P = probe.l
        self.assertCaught(probe, "Lbl (obj <n>) has /P obj <n>, but its parent is LI (obj <n>)")

    def test_unmapped_role(self):
        probe = Probe()
        del probe.root.RoleMap
        self.assertCaught(probe, "role /Chapter is neither standard nor mapped")

    # --- MCIDs and the ParentTree ---

    def test_mcid_not_reached(self):
        probe = Probe()
        probe.lbody.K = Array([])
        self.assertCaught(probe,
                          'page 1: MCID 6 ("Ein Jahr") is not reached from the structure tree')

    def test_mcid_reached_twice(self):
        probe = Probe()
        probe.h1.K = Array([0, 1])
        self.assertCaught(probe, "page 1: MCID 1 is reached from 2 structure elements (H1")

    def test_mcid_reached_but_not_marked(self):
        probe = Probe()
        probe.h1.K = Array([0, 9])
        self.assertCaught(probe, "reaches MCID 9 on page 1, which that page's content does "
                                 "not mark")

    def test_parent_tree_maps_to_another_element(self):
        probe = Probe()
        probe.page1_mcids[0] = probe.p
        self.assertCaught(probe, "ParentTree: page 1 (/StructParents 0) maps MCID 0 to P")

    def test_parent_tree_too_short(self):
        probe = Probe()
        del probe.page1_mcids[7]
        self.assertCaught(probe, "ParentTree: page 1 (/StructParents 0) maps MCID 7 to nothing")

    def test_page_without_struct_parents(self):
        probe = Probe()
        del probe.p2.StructParents
        self.assertCaught(probe, "page 2: marks MCIDs but has no /StructParents")

    def test_parent_tree_in_kids(self):
        # A number tree split into /Kids with /Limits is read like a flat one.
        probe = Probe()
        nums = probe.root.ParentTree.Nums
        probe.root.ParentTree = probe.pdf.make_indirect(Dictionary(Kids=Array([
            Dictionary(Limits=Array([0, 1]), Nums=Array(list(nums)[:4])),
            Dictionary(Limits=Array([2, 3]), Nums=Array(list(nums)[4:]))])))
        self.assertEqual(self.errors(probe), [])

    # --- marked content ---

    def test_path_outside_marked_content(self):
        probe = Probe(page1=PAGE1 + b"0 0 1 rg 10 10 5 5 re f\n")
        self.assertCaught(probe, "page 1: 'f' (operator ")

    def test_text_outside_marked_content(self):
        probe = Probe(page2=PAGE2 + f"BT /F1 9 Tf 10 10 Td {enc('x')} Tj ET\n".encode())
        self.assertCaught(probe, "page 2: 'Tj' (operator ", "is painted outside marked content")

    def test_xobject_outside_marked_content(self):
        probe = Probe(page1=PAGE1 + b"q /Im0 Do Q\n")
        self.assertCaught(probe, "page 1: 'Do' (operator ")

    def test_a_clipping_path_is_not_painting(self):
        probe = Probe(page1=b"q 0 0 10 10 re W n Q\n" + PAGE1)
        self.assertEqual(self.errors(probe), [])

    def test_mcid_inside_an_artifact(self):
        probe = Probe(page1=PAGE1.replace(b"/H1 <</MCID 0>> BDC",
                                          b"/Artifact BMC /H1 <</MCID 0>> BDC")
                      .replace(enc("Probe").encode() + b" Tj ET\nEMC", enc("Probe").encode()
                               + b" Tj ET\nEMC EMC"))
        self.assertCaught(probe, "page 1: MCID 0 (/H1) lies inside an Artifact")

    def test_artifact_inside_an_mcid(self):
        probe = Probe(page1=PAGE1.replace(b"/Figure <</MCID 4>> BDC\n",
                                          b"/Figure <</MCID 4>> BDC /Artifact BMC ")
                      .replace(b"re f Q\nEMC", b"re f Q EMC\nEMC", 1))
        self.assertCaught(probe, "page 1: an Artifact lies inside MCID 4")

    def test_mcid_inside_an_mcid(self):
        probe = Probe(page1=PAGE1.replace(b"/Figure <</MCID 4>> BDC\n",
                                          b"/Figure <</MCID 4>> BDC /Span <</MCID 8>> BDC ")
                      .replace(b"re f Q\nEMC", b"re f Q EMC\nEMC", 1))
        self.assertCaught(probe, "page 1: MCID 8 (/Span) lies inside MCID 4")

    def test_unbalanced_marked_content(self):
        self.assertCaught(Probe(page2=PAGE2 + b"EMC\n"), "page 2: EMC (operator ")
        self.assertCaught(Probe(page2=PAGE2 + b"/Artifact BMC\n"),
                          "page 2: 1 marked-content sequence(s) not closed")

    def test_mcid_used_twice_on_a_page(self):
        probe = Probe(page2=PAGE2 + b"/P <</MCID 1>> BDC EMC\n")
        self.assertCaught(probe, "page 2: MCID 1 marks two sequences")

    # --- links ---

    def test_link_without_struct_parent(self):
        probe = Probe()
        del probe.annot.StructParent
        self.assertCaught(probe, "page 1: Link annotation (obj <n>, https://example.org/) has no "
                                 "/StructParent")

    def test_link_mapped_to_a_paragraph(self):
        probe = Probe()
        probe.root.ParentTree.Nums[5] = probe.p
        self.assertCaught(probe, "https://example.org/): the ParentTree maps it to P, not Link",
                          "the element the ParentTree maps it to (P) holds no OBJR to it")

    def test_link_without_objr(self):
        probe = Probe()
        probe.toclink.K = Array([0])
        self.assertCaught(probe, "page 2: Link annotation (obj <n>, page 1): the element the "
                                 "ParentTree maps it to (Link) holds no OBJR to it",
                          "page 1): no structure element holds an OBJR to it")

    def test_link_without_contents(self):
        probe = Probe()
        del probe.annot.Contents
        self.assertCaught(probe, "https://example.org/) has no /Contents")

    def test_link_without_print_flag(self):
        probe = Probe()
        probe.annot2.F = 0
        self.assertCaught(probe, "page 1) lacks the print flag (/F 0)")

    def test_page_with_annotations_without_tabs(self):
        probe = Probe()
        del probe.p2.Tabs
        self.assertCaught(probe, "page 2: has annotations but no /Tabs /S")

    # --- elements ---

    def test_figure_without_alt(self):
        probe = Probe()
        del probe.figure.Alt
        self.assertCaught(probe, "Figure (obj <n>) has no /Alt")

    def test_figure_with_blank_alt(self):
        probe = Probe()
        probe.figure.Alt = String(" ")
        self.assertCaught(probe, "has no /Alt")

    def test_figure_without_bbox(self):
        probe = Probe()
        del probe.figure.A
        self.assertCaught(probe, "Figure (obj <n>) on page 1 has no /BBox (a /Layout attribute)")

    def test_heading_levels_skip(self):
        probe = Probe()
        probe.root.RoleMap.Chapter = Name.H3
        self.assertCaught(probe, '"Abschnitt" follows H1: heading levels skip')

    def test_first_heading_not_h1(self):
        probe = Probe()
        probe.h1.S = Name.H2
        self.assertCaught(probe, '"Probe" follows no heading: heading levels skip')

    def test_list_item_without_label(self):
        probe = Probe()
        probe.li.K = Array([probe.lbody])
        self.assertCaught(probe, "does not hold both Lbl and LBody (holds LBody)")

    def test_list_item_holding_a_paragraph(self):
        probe = Probe()
        probe.lbody.S = Name.P
        self.assertCaught(probe, "holds P, not Lbl or LBody")

    def test_list_holding_a_paragraph(self):
        probe = Probe()
        probe.li.S = Name.P
        self.assertCaught(probe, "L (obj <n>) holds P, not LI",
                          "holds no LI")

    def test_toc_holding_a_paragraph(self):
        probe = Probe()
        probe.toci.S = Name.P
        self.assertCaught(probe, "TOC (obj <n>) holds P, not TOCI")

    # --- catalog and metadata ---

    def test_catalog_without_lang(self):
        probe = Probe()
        del probe.pdf.Root.Lang
        self.assertCaught(probe, "catalog: no /Lang")

    def test_catalog_not_marked(self):
        probe = Probe()
        probe.pdf.Root.MarkInfo.Marked = False
        self.assertCaught(probe, "catalog: /MarkInfo /Marked is not true")

    def test_catalog_without_display_doc_title(self):
        probe = Probe()
        del probe.pdf.Root.ViewerPreferences
        self.assertCaught(probe, "catalog: /ViewerPreferences /DisplayDocTitle is not true")

    def test_xmp_title_disagrees(self):
        probe = Probe()
        probe.pdf.trailer.Info.Title = String("Anders")
        self.assertCaught(probe, "XMP: dc:title 'Probe „Titel“' disagrees with Info /Title "
                                 "'Anders'")

    def test_xmp_producer_disagrees(self):
        probe = Probe(xmp=XMP.replace("probe 1.0", "probe 1.1"))
        self.assertCaught(probe, "XMP: pdf:Producer 'probe 1.1' disagrees")

    def test_xmp_creator_missing(self):
        probe = Probe(xmp=XMP.replace("<rdf:li>Beispiel GmbH</rdf:li>", ""))
        self.assertCaught(probe, "XMP: dc:creator '' disagrees with Info /Author")

    def test_xmp_lacks_what_info_says(self):
        probe = Probe(xmp=XMP.replace(' pdf:Keywords="eins, zwei"', ""))
        self.assertCaught(probe, "XMP: pdf:Keywords is None, Info /Keywords is 'eins, zwei'")
        probe = Probe()
        probe.pdf.trailer.Info.Subject = String("Anderes")
        self.assertCaught(probe, "XMP: dc:description 'Worum es geht' disagrees with Info "
                                 "/Subject 'Anderes'")
        probe = Probe()
        del probe.pdf.trailer.Info.Creator
        self.assertCaught(probe, "XMP: xmp:CreatorTool is 'probe maker', Info /Creator is None")

    def test_xmp_date_disagrees(self):
        probe = Probe()
        probe.pdf.trailer.Info.ModDate = String("D:20240501120000Z")
        self.assertCaught(probe, "XMP: xmp:ModifyDate 2024-05-01T12:00:00+02:00 disagrees "
                                 "with Info /ModDate D:20240501120000Z")

    def test_xmp_date_missing_from_info(self):
        probe = Probe()
        del probe.pdf.trailer.Info.CreationDate
        self.assertCaught(probe, "XMP: xmp:CreateDate is '2024-05-01T10:00:00Z', "
                                 "Info /CreationDate is None")

    def test_xmp_does_not_parse(self):
        probe = Probe(xmp=XMP.replace("</dc:title>", ""))
        self.assertCaught(probe, "XMP: does not parse")

    def test_xmp_compressed(self):
        probe = Probe()
        meta = probe.pdf.Root.Metadata
        meta.write(zlib.compress(XMP.encode()), filter=Name.FlateDecode)
        # qpdf writes a stream of /Type /Metadata uncompressed whatever it was given; without
        # the /Type it keeps the filter (the checker does not look at /Type).
        del meta.Type
        path = os.path.join(self.dir, "probe.pdf")
        probe.pdf.save(path, fix_metadata_version=False, compress_streams=False,
                       stream_decode_level=pikepdf.StreamDecodeLevel.none)
        errors = tagged_pdf.check(tagged_pdf.TaggedPdf(path))
        self.assertIn("XMP: the /Metadata stream is compressed (/Filter)", errors)

    def test_no_xmp(self):
        probe = Probe()
        del probe.pdf.Root.Metadata
        self.assertCaught(probe, "catalog: no /Metadata stream (XMP)")

    # --- the command line ---

    def test_cli_check_exit_status_and_messages(self):
        good = Probe().save(self.dir, "good.pdf")
        bad_probe = Probe()
        del bad_probe.figure.Alt
        bad = bad_probe.save(self.dir, "bad.pdf")
        tool = os.path.join(HERE, "tagged_pdf.py")
        ok = subprocess.run([sys.executable, tool, "check", good], capture_output=True,
                            text=True)
        self.assertEqual((ok.returncode, ok.stdout), (0, ""))
        no = subprocess.run([sys.executable, tool, "check", bad], capture_output=True,
                            text=True)
        self.assertEqual(no.returncode, 1)
        self.assertRegex(no.stdout, r"^.*bad\.pdf: Figure \(obj \d+\) has no /Alt\n$")
        usage = subprocess.run([sys.executable, tool, "frobnicate", good],
                               capture_output=True, text=True)
        self.assertEqual(usage.returncode, 2)


class ChronikTestHelpersTest(unittest.TestCase):
    """The helpers of chronik_pdf_test.py find what they look for."""

    def test_line_end_hyphens(self):
        import chronik_pdf_test
        folder = tempfile.mkdtemp(prefix="tagged-test-")
        try:
            doc = tagged_pdf.TaggedPdf(Probe().save(folder))
            self.assertEqual(chronik_pdf_test.line_end_hyphens(doc),
                             [("Informations", "sicherheit")])
        finally:
            shutil.rmtree(folder)

    def test_artifact_errors(self):
        from chronik_pdf_test import artifact_errors
        folder = tempfile.mkdtemp(prefix="tagged-test-")
        try:
            doc = tagged_pdf.TaggedPdf(Probe().save(folder))
            self.assertEqual(artifact_errors(doc, ["Kopfzeile"]), [
                "page 1: path operator 'f' lies in ('Figure', 4), not an Artifact",
                "page 2: no /Artifact <</Type /Pagination /Subtype /Header>> (artifacts: "
                "[(None, None), ('Pagination', 'Footer')])"])
            page2 = PAGE2.replace(b"/TOCI <</MCID 0>> BDC", b"/Artifact <</Type /Pagination "
                                  b"/Subtype /Header>> BDC BT /F1 9 Tf 50 800 Td "
                                  + enc("Probe").encode() + b" Tj ET EMC /TOCI <</MCID 0>> BDC")
            page2 = page2.replace(enc("2").encode(), enc("3").encode())
            page2 += b"/P <</MCID 2>> BDC q /Im1 Do Q EMC\n"
            doc = tagged_pdf.TaggedPdf(Probe(page2=page2).save(folder))
            self.assertEqual(artifact_errors(doc, ["Probe"])[1:], [
                "page 2: the footer artifact says ['3'], not 2",
                "page 2: image ('Do') lies in /P MCID 2, neither a Figure nor an Artifact"])
        finally:
            shutil.rmtree(folder)

    def test_glued_words(self):
        from chronik_pdf_test import glued_words
        source = "Ein Absatz mit Verweis auf IT-Grundschutz"
        self.assertEqual(glued_words("Ein Absatz mitVerweis", source, plain=True),
                         ["'mitVerweis' glues 'mit' and 'Verweis'"])
        self.assertEqual(glued_words("Ein Absatz mit Verweis", source, plain=True), [])
        # a compound of two words (a lower-case second part) is not a missing space
        self.assertEqual(glued_words("Ein Absatzmit Verweis", source, plain=True), [])
        self.assertEqual(glued_words("auf ITGrundschutz", source, plain=True), [])
        self.assertEqual(glued_words("auf ITGrundschutz", source, plain=False),
                         ["'ITGrundschutz' glues 'IT' and 'Grundschutz'"])

    def test_in_order(self):
        from chronik_pdf_test import in_order
        self.assertEqual(in_order("a b c", ["a", "c"], "t"), [])
        self.assertEqual(in_order("a b c", ["c", "a"], "t"),
                         ["t: 'a' is there, but before the text that precedes it in the "
                          "chronicle"])
        self.assertEqual(in_order("a b c", ["d"], "t"), ["t: 'd' is missing"])


class PdfjsTest(unittest.TestCase):
    """pdfjs_struct.mjs reads the probe's tree through pdf.js (node + tests/tagged's
    pdfjs-dist, installed by scripts/install-deps.sh --test)."""

    def test_pdfjs_reads_the_probe(self):
        node = shutil.which("node")
        if node is None:
            raise AssertionError("node is missing: install nodejs (and npm), then run "
                                 "scripts/install-deps.sh --test")
        folder = tempfile.mkdtemp(prefix="tagged-test-")
        try:
            path = Probe().save(folder)
            r = subprocess.run([node, os.path.join(HERE, "pdfjs_struct.mjs"), path, "2"],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout, """\
Document
  TOC
    TOCI
      Link "Probe"
        [object]
      Reference "1"
""")
            r = subprocess.run([node, os.path.join(HERE, "pdfjs_struct.mjs"), path],
                               capture_output=True, text=True)
            self.assertIn('    Figure Alt="Ein graues Rechteck"\n', r.stdout)
            self.assertIn('    H2 "Abschnitt"\n', r.stdout)  # through the RoleMap
            r = subprocess.run([node, os.path.join(HERE, "pdfjs_struct.mjs"), path, "3"],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 2)
            self.assertIn("no page 3: the PDF has 2", r.stderr)
        finally:
            shutil.rmtree(folder)


def pdfinfo_struct_text(path):
    """The content items `pdfinfo -struct-text` quotes, in its order (poppler-utils)."""
    if shutil.which("pdfinfo") is None:
        raise AssertionError("pdfinfo is missing: install poppler-utils "
                             "(scripts/install-deps.sh --test)")
    out = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True, text=True,
                         check=True).stdout
    items = []
    for line in out.split("\n"):
        s = line.strip()
        if s == "(No content?)":
            items.append("")
        elif len(line.lstrip()) >= 2 and line.lstrip().startswith('"') and line.endswith('"'):
            items.append(line.lstrip()[1:-1])
    return items


if __name__ == "__main__":
    unittest.main()
