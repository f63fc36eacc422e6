import { useId, useRef, type ReactNode } from 'react';

export type LeftTab = 'library' | 'outline' | 'profile';

const TABS: { id: LeftTab; label: string }[] = [
  { id: 'library', label: 'Clause library' },
  { id: 'outline', label: 'Outline' },
  { id: 'profile', label: 'Profile' },
];

/**
 * The left sidebar: the clause library, the outline and the jurisdiction profile, as
 * tabs (arrow keys move between tabs, as the ARIA tabs pattern has it).
 */
export function LeftSidebar({ tab, onTab, children }: { tab: LeftTab; onTab: (tab: LeftTab) => void; children: ReactNode }) {
  const id = useId();
  const list = useRef<HTMLDivElement>(null);
  const focusTab = (t: LeftTab) => {
    onTab(t);
    requestAnimationFrame(() => list.current?.querySelector<HTMLButtonElement>(`[data-tab="${t}"]`)?.focus());
  };
  return (
    <aside className="ow-sidebar ow-sidebar-left" aria-label="Clause library, outline and profile">
      <div
        ref={list}
        className="ow-tabs"
        role="tablist"
        aria-label="Left sidebar"
        onKeyDown={(e) => {
          const i = TABS.findIndex((t) => t.id === tab);
          if (e.key === 'ArrowRight') focusTab(TABS[(i + 1) % TABS.length]!.id);
          else if (e.key === 'ArrowLeft') focusTab(TABS[(i + TABS.length - 1) % TABS.length]!.id);
          else if (e.key === 'Home') focusTab(TABS[0]!.id);
          else if (e.key === 'End') focusTab(TABS[TABS.length - 1]!.id);
          else return;
          e.preventDefault();
        }}
      >
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${id}-${t.id}`}
            data-tab={t.id}
            aria-selected={tab === t.id}
            aria-controls={`${id}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            className="ow-tab"
            onClick={() => onTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {/* keyed by tab: each tab starts at its own top, not where the last one was scrolled */}
      <div key={tab} className="ow-sidebar-body" role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${tab}`}>
        {children}
      </div>
    </aside>
  );
}

/** The right sidebar: live coverage, then the checks. */
export function RightSidebar({ children }: { children: ReactNode }) {
  return (
    <aside className="ow-sidebar ow-sidebar-right" aria-label="Coverage and checks">
      {children}
    </aside>
  );
}
