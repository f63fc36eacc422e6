import { memo } from 'react';
import type { Category, JurisdictionKind, Severity, Strength, Topic } from '../../core/schema';
import type { ElementStatus, RouteStatus } from '../../core/coverage/types';

/** Words shown for the checklist's enums (the data keeps kebab-case ids). */
export const CATEGORY_LABEL: Record<Category, string> = {
  'shared-systems': 'Shared systems',
  'intermediated-access': 'Intermediated access',
  'custody-cooperation': 'Custody and cooperation',
  'public-services': 'Public services',
  governance: 'Governance',
};
export const CATEGORY_ORDER: Category[] = ['shared-systems', 'intermediated-access', 'custody-cooperation', 'public-services', 'governance'];

export const TOPIC_LABEL: Record<Topic, string> = { ...CATEGORY_LABEL, general: 'General provisions' };

export const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium' };
export const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium'];

export const STRENGTH_LABEL: Record<Strength, string> = { minimal: 'Minimal', baseline: 'Baseline', strong: 'Strong' };

export const KIND_LABEL: Record<JurisdictionKind, string> = { city: 'City', county: 'County', state: 'State' };

export type AnyStatus = ElementStatus | RouteStatus;

/** Status words: shown next to every icon, so status never rests on colour alone. */
export const STATUS_LABEL: Record<AnyStatus, string> = { closed: 'Closed', partial: 'Partly closed', weakened: 'Weakened', open: 'Open' };

/**
 * A small status glyph (check, half disc, warning triangle, empty ring). Decorative:
 * the text beside it says the status.
 */
export const StatusIcon = memo(function StatusIcon({ status, size = 14 }: { status: AnyStatus; size?: number }) {
  return (
    <svg className={`owp-icon owp-icon-${status}`} width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {status === 'closed' ? (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M4.6 8.3 7 10.6l4.4-5" fill="none" stroke="var(--owp-on-status, #fff)" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </>
      ) : status === 'partial' ? (
        <>
          <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M8 1.8a6.2 6.2 0 0 1 0 12.4z" fill="currentColor" />
        </>
      ) : status === 'weakened' ? (
        <>
          <path d="M8 1.5 15 14.2H1z" fill="currentColor" />
          <path d="M8 6v3.8" stroke="var(--owp-on-status, #fff)" strokeWidth="1.7" strokeLinecap="round" />
          <circle cx="8" cy="12" r="0.95" fill="var(--owp-on-status, #fff)" />
        </>
      ) : (
        <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.6" strokeDasharray="3 2.2" />
      )}
    </svg>
  );
});

/** Icon and word together. */
export function StatusTag({ status, label }: { status: AnyStatus; label?: string }) {
  return (
    <span className={`owp-status owp-status-${status}`}>
      <StatusIcon status={status} />
      <span>{label ?? STATUS_LABEL[status]}</span>
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`owp-sev owp-sev-${severity}`} title={`${SEVERITY_LABEL[severity]} severity`}>
      {SEVERITY_LABEL[severity]}
    </span>
  );
}

export function StrengthBadge({ strength }: { strength: Strength }) {
  return (
    <span className={`owp-strength owp-strength-${strength}`} title={`${STRENGTH_LABEL[strength]} strength`}>
      {STRENGTH_LABEL[strength]}
    </span>
  );
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Structural equality for plain data (report rows): lets memoised rows skip
 * re-rendering when a new report says the same. Keys in `ignore` are skipped (document
 * positions shift with every keystroke above a row, and the rows address nodes by id).
 */
export function sameData(a: unknown, b: unknown, ignore: ReadonlySet<string> = NO_KEYS): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i], ignore)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (ignore.has(k)) continue;
    if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], ignore)) return false;
  }
  return true;
}

const NO_KEYS: ReadonlySet<string> = new Set();
/** Positions: ignored when comparing report rows. */
export const POSITION_KEYS: ReadonlySet<string> = new Set(['pos']);
