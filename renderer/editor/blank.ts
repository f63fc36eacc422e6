import type { Node as PMNode } from 'prosemirror-model';
import { schema } from '../../core/document/schema';

/**
 * The document of a blank ordinance (the start screen's "Blank ordinance"): the
 * skeleton of an ordinance (title, caption, enacting clause, one section) for the
 * drafter to fill in. A composed one comes from a template (start/new-ordinance.ts).
 */
export function blankOrdinance(): PMNode {
  const t = (s: string) => (s ? [schema.text(s)] : []);
  return schema.node('doc', null, [
    schema.node('title', null, t('An Ordinance Protecting Resident Data')),
    schema.node('caption', null, [
      schema.text('An ordinance of the '),
      schema.node('placeholder', { key: 'jurisdiction_full_name' }),
      schema.text(' limiting the collection, retention and sharing of personal information for federal immigration enforcement.'),
    ]),
    schema.node('enacting', null, [schema.text('The '), schema.node('placeholder', { key: 'governing_body' }), schema.text(' ordains as follows:')]),
    schema.node('section', { id: 'purpose' }, [
      schema.node('heading', null, t('Purpose')),
      schema.node('provision', { id: 'purpose/1' }, [schema.node('paragraph', null, [])]),
    ]),
  ]);
}
