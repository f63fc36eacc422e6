#!/usr/bin/python3
"""Read a .docx with python-docx (an independent reader) and print what Word would see, as JSON.

Paragraph text includes tracked insertions and excludes tracked deletions, as Word shows
a document with all changes accepted; insertions and deletions are also listed apart.
Tables are listed apart from the body paragraphs, each as rows of cell texts (a cell's
paragraphs joined with a newline).
"""
import json
import sys

import docx
from docx.oxml.ns import qn


def runs_text(p_el, include_deleted=False):
    out = []
    for el in p_el.iter():
        if el.tag == qn('w:t'):
            # skip text inside deletions
            parent = el.getparent()
            while parent is not None and parent.tag != qn('w:p'):
                if parent.tag == qn('w:del') and not include_deleted:
                    break
                parent = parent.getparent()
            else:
                out.append(el.text or '')
        elif el.tag == qn('w:delText') and include_deleted:
            out.append(el.text or '')
        elif el.tag == qn('w:tab'):
            parent = el.getparent()
            if parent is not None and parent.tag == qn('w:r'):
                out.append('\t')
    return ''.join(out)


def main(path):
    d = docx.Document(path)
    paras = []
    for p in d.paragraphs:
        ins = [''.join(t.text or '' for t in i.iter(qn('w:t'))) for i in p._p.iter(qn('w:ins'))]
        dels = [''.join(t.text or '' for t in x.iter(qn('w:delText'))) for x in p._p.iter(qn('w:del'))]
        ins_authors = sorted({i.get(qn('w:author')) for i in p._p.iter(qn('w:ins'))} | {x.get(qn('w:author')) for x in p._p.iter(qn('w:del'))})
        paras.append({
            'style': p.style.name if p.style is not None else None,
            'styleId': p.style.style_id if p.style is not None else None,
            'text': runs_text(p._p),
            'ins': ins,
            'del': dels,
            'revisionAuthors': [a for a in ins_authors if a],
            'bold': [r.text for r in p.runs if r.bold],
            'highlighted': [r.text for r in p.runs if r.font.highlight_color is not None],
            'commentRefs': len(list(p._p.iter(qn('w:commentRangeStart')))),
            'keepNext': direct_on(p._p, 'w:keepNext'),
            'markRevision': mark_revision(p._p),
        })
    comments = []
    for rel in d.part.rels.values():
        if rel.reltype.endswith('/comments'):
            from lxml import etree
            root = etree.fromstring(rel.target_part.blob)
            for c in root.iter(qn('w:comment')):
                comments.append({
                    'id': c.get(qn('w:id')),
                    'author': c.get(qn('w:author')),
                    'date': c.get(qn('w:date')),
                    'text': ' '.join(''.join(t.text or '' for t in p.iter(qn('w:t'))) for p in c.iter(qn('w:p'))),
                })
    sections = []
    for s in d.sections:
        ln = s._sectPr.find(qn('w:lnNumType'))
        sections.append({
            'pageWidth': s.page_width.twips if s.page_width is not None else None,
            'pageHeight': s.page_height.twips if s.page_height is not None else None,
            'lineNumbers': None if ln is None else {'restart': ln.get(qn('w:restart')), 'countBy': ln.get(qn('w:countBy'))},
            'header': [p.text for p in s.header.paragraphs],
            'footer': [p.text for p in s.footer.paragraphs],
            'footerFields': [i.text for i in s.footer._element.iter(qn('w:instrText'))],
            'headerFooterLineNumbersSuppressed': all(
                direct_on(p._p, 'w:suppressLineNumbers') for p in list(s.header.paragraphs) + list(s.footer.paragraphs)),
        })
    tables = []
    for t in d.tables:
        rows = []
        header_rows = 0
        for i, row in enumerate(t.rows):
            tr_pr = row._tr.trPr
            if tr_pr is not None and tr_pr.find(qn('w:tblHeader')) is not None and header_rows == i:
                header_rows += 1
            rows.append(['\n'.join(runs_text(p._p) for p in cell.paragraphs) for cell in row.cells])
        tables.append({'rows': rows, 'headerRows': header_rows,
                       'cellStyles': sorted({p.style.name for row in t.rows for cell in row.cells for p in cell.paragraphs if p.style is not None})})
    styles = {s.style_id: s.name for s in d.styles}
    print(json.dumps({'paragraphs': paras, 'comments': comments, 'sections': sections, 'styles': styles, 'tables': tables,
                      'defaultFont': default_font(d), 'defaultWidowControl': default_widow_control(d)}, ensure_ascii=False))


def direct_on(p_el, tag):
    """Whether the paragraph sets an on/off property directly (not through its style)."""
    ppr = p_el.find(qn('w:pPr'))
    el = None if ppr is None else ppr.find(qn(tag))
    return el is not None and el.get(qn('w:val')) not in ('0', 'false', 'off')


def mark_revision(p_el):
    """'ins' or 'del' when the paragraph mark itself is a tracked change (a whole paragraph inserted or deleted)."""
    ppr = p_el.find(qn('w:pPr'))
    rpr = None if ppr is None else ppr.find(qn('w:rPr'))
    if rpr is None:
        return None
    if rpr.find(qn('w:ins')) is not None:
        return 'ins'
    if rpr.find(qn('w:del')) is not None:
        return 'del'
    return None


def default_widow_control(d):
    """Widow and orphan control in the document's paragraph defaults or the Normal style."""
    for el in d.styles.element.iter(qn('w:pPrDefault')):
        if direct_on(el, 'w:widowControl'):
            return True
    normal = d.styles['Normal'].element
    return direct_on(normal, 'w:widowControl')


def default_font(d):
    name = d.styles['Normal'].font.name
    if name:
        return name
    for f in d.styles.element.iter(qn('w:rFonts')):
        parent = f.getparent()
        if parent is not None and parent.getparent() is not None and parent.getparent().tag == qn('w:rPrDefault'):
            return f.get(qn('w:ascii'))
    return None


if __name__ == '__main__':
    main(sys.argv[1])
