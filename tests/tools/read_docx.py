#!/usr/bin/python3
"""Read a .docx with python-docx (an independent reader) and print what Word would see, as JSON.

Paragraph text includes tracked insertions and excludes tracked deletions, as Word shows
a document with all changes accepted; insertions and deletions are also listed apart.
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
        })
    styles = {s.style_id: s.name for s in d.styles}
    print(json.dumps({'paragraphs': paras, 'comments': comments, 'sections': sections, 'styles': styles,
                      'defaultFont': default_font(d)}, ensure_ascii=False))


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
