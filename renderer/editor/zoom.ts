/** Zoom of the ordinance's text (the page, not the whole window), kept between sessions. */

export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;
const KEY = 'ordwright.zoom';

export function loadZoom(): number {
  try {
    const v = Number(localStorage.getItem(KEY));
    return ZOOM_STEPS.includes(v as (typeof ZOOM_STEPS)[number]) ? v : 1;
  } catch {
    return 1;
  }
}

export function saveZoom(z: number): void {
  try {
    if (z === 1) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, String(z));
  } catch {
    // storage refused (private mode, quota): the zoom still applies for this session
  }
}

/** The next step in a direction (+1 in, -1 out), or 1 for 0. */
export function stepZoom(z: number, dir: -1 | 0 | 1): number {
  if (dir === 0) return 1;
  const i = ZOOM_STEPS.findIndex((s) => s >= z - 1e-9);
  const at = i < 0 ? ZOOM_STEPS.length - 1 : i;
  const next = dir > 0 ? (ZOOM_STEPS[at] !== undefined && ZOOM_STEPS[at]! > z + 1e-9 ? at : at + 1) : at - 1;
  return ZOOM_STEPS[Math.max(0, Math.min(ZOOM_STEPS.length - 1, next))]!;
}
