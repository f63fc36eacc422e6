import { useCallback, useEffect, useRef, useState } from 'react';
import type { Host } from '../host';
import { answerCloseRequest, type CloseChoice } from './close-flow';

/**
 * Closing the window or quitting with unsaved changes asks Save / Don't save / Cancel.
 *
 * The hook reports the document's state to the host (name, path, unsaved: main sets
 * the window title from it and knows whether to ask), answers the host's close
 * requests, and exposes the pending question for <ClosePrompt/>. In a browser there
 * are no close requests (the tab's own "leave site?" covers it); reporting is harmless.
 */
export function useCloseGuard(
  host: Host,
  input: { dirty: boolean; name: string; path: string | null; save: () => Promise<boolean>; discard: () => Promise<void> },
): { prompt: { name: string; reason: 'close' | 'quit' } | null; choose(choice: CloseChoice): void } {
  const latest = useRef(input);
  useEffect(() => {
    latest.current = input;
  });
  const [prompt, setPrompt] = useState<{ name: string; reason: 'close' | 'quit'; resolve: (c: CloseChoice) => void } | null>(null);

  const { dirty, name, path } = input;
  useEffect(() => {
    void host.api.reportState({ name: name.trim() || 'Untitled ordinance', path, dirty, closeGuard: true });
  }, [host, dirty, name, path]);

  useEffect(
    () =>
      host.onCloseRequest((request) => {
        void answerCloseRequest({
          dirty: latest.current.dirty,
          ask: () => new Promise<CloseChoice>((resolve) => setPrompt({ name: latest.current.name, reason: request.reason, resolve })),
          save: () => latest.current.save(),
          discard: () => latest.current.discard(),
        }).then((proceed) => host.api.answerClose({ requestId: request.requestId, proceed }));
      }),
    [host],
  );

  const choose = useCallback(
    (choice: CloseChoice) => {
      setPrompt((p) => {
        p?.resolve(choice);
        return null;
      });
    },
    [],
  );

  return { prompt: prompt ? { name: prompt.name, reason: prompt.reason } : null, choose };
}
