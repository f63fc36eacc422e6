import { newProject, serializeProject } from '../../core/document/project';
import { schema } from '../../core/document/schema';

/**
 * A real project file whose text carries `marker` (and some text beyond ASCII). Kept
 * free of vitest, so a child process (tests/contract/kill-writer.ts) can use it too.
 */
export const sampleProjectText = (marker: string): string => {
  const t = (s: string) => [schema.text(s)];
  const doc = schema.node('doc', null, [
    schema.node('title', null, t(`Ordinance ${marker}`)),
    schema.node('caption', null, t('Sección 1 — “datos” ✓ 你好')),
    schema.node('enacting', null, t('The Council ordains as follows:')),
    schema.node('section', { id: 's1' }, [schema.node('heading', null, t('Purpose')), schema.node('provision', { id: 's1/1' }, [schema.node('paragraph', null, t(marker))])]),
  ]);
  return serializeProject(
    newProject({ doc, profile: { id: 'riverbend', name: 'Riverbend', kind: 'city', values: {} }, template: null, preset: null, libraryVersion: '1.0.0', now: '2026-01-02T03:04:05.000Z' }),
  );
};

