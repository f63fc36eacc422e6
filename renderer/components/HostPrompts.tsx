import { useSyncExternalStore } from 'react';
import type { PromptStore } from '../host/prompts';
import { ChooseProjectDialog, ProjectNameDialog } from './Dialogs';

/** Shows the dialog the browser host is waiting on, if any. */
export function HostPrompts({ store }: { store: PromptStore }) {
  const prompt = useSyncExternalStore(store.subscribe, store.getSnapshot);
  if (!prompt) return null;
  if (prompt.kind === 'project-name') {
    return <ProjectNameDialog key="name" suggested={prompt.suggested} existing={prompt.existing} onDone={prompt.settle} />;
  }
  return <ChooseProjectDialog key="choose" saved={prompt.saved} onDone={prompt.settle} />;
}
