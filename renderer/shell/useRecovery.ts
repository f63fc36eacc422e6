import { useCallback, useEffect, useState } from 'react';
import type { RecoveryItem } from '../../core/host';
import type { Host } from '../host';

/**
 * The recovery copies a previous run left (a crash, a kill, a power cut): listed once
 * when the app starts, for RecoveryDialog to offer. `settle` takes a copy off the list
 * (restored, or discarded: discard also removes it from the host).
 */
export function useRecovery(host: Host): {
  items: RecoveryItem[];
  discard(item: RecoveryItem): Promise<void>;
  settle(item: RecoveryItem): void;
  later(): void;
} {
  const [items, setItems] = useState<RecoveryItem[]>([]);
  useEffect(() => {
    let live = true;
    void host.api.listRecovery({}).then((r) => {
      if (live && r.ok) setItems(r.value.items);
    });
    return () => {
      live = false;
    };
  }, [host]);

  const settle = useCallback((item: RecoveryItem) => setItems((xs) => xs.filter((x) => x.id !== item.id)), []);
  const discard = useCallback(
    async (item: RecoveryItem) => {
      await host.api.clearRecovery({ id: item.id });
      settle(item);
    },
    [host, settle],
  );
  // "decide later": the copies stay on disk and are offered at the next start
  const later = useCallback(() => setItems([]), []);
  return { items, discard, settle, later };
}
