/**
 * Line icons drawn for Ordwright (24x24, stroke = currentColor). Inline SVG: no icon
 * font, no request.
 */
import type { ReactNode } from 'react';

function Icon({ children, size = 18, title }: { children: ReactNode; size?: number; title?: string }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" aria-hidden={title ? undefined : true} role={title ? 'img' : undefined}>
      {title ? <title>{title}</title> : null}
      {children}
    </svg>
  );
}

export const IconNew = () => (
  <Icon>
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5M12 11v6M9 14h6" />
  </Icon>
);
export const IconOpen = () => (
  <Icon>
    <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v1" />
    <path d="M3 7v11a2 2 0 0 0 2 2h13.5a2 2 0 0 0 1.9-1.4L22 12H7.5a2 2 0 0 0-1.9 1.4L3 20" />
  </Icon>
);
export const IconSave = () => (
  <Icon>
    <path d="M5 3h11l5 5v11a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z" />
    <path d="M7 3v5h8V3M7 21v-7h10v7" />
  </Icon>
);
export const IconUndo = () => (
  <Icon>
    <path d="M9 14 4 9l5-5" />
    <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
  </Icon>
);
export const IconRedo = () => (
  <Icon>
    <path d="m15 14 5-5-5-5" />
    <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
  </Icon>
);
export const IconExport = () => (
  <Icon>
    <path d="M12 3v12M7 10l5 5 5-5" />
    <path d="M5 21h14" />
  </Icon>
);
export const IconImport = () => (
  <Icon>
    <path d="M12 15V3M7 8l5-5 5 5" />
    <path d="M5 21h14" />
  </Icon>
);
export const IconFind = () => (
  <Icon>
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5" />
  </Icon>
);
export const IconLeftPane = () => (
  <Icon>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M9 4v16" />
  </Icon>
);
export const IconRightPane = () => (
  <Icon>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M15 4v16" />
  </Icon>
);
export const IconClose = () => (
  <Icon size={16}>
    <path d="M6 6l12 12M18 6 6 18" />
  </Icon>
);
export const IconBook = () => (
  <Icon size={28}>
    <path d="M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2z" />
    <path d="M4 21a2 2 0 0 1 2-2h13v2H6M9 7h6M9 11h6" />
  </Icon>
);
export const IconShield = () => (
  <Icon size={28}>
    <path d="M12 3 5 6v5c0 4.5 3 8.3 7 10 4-1.7 7-5.5 7-10V6z" />
    <path d="m9 12 2 2 4-4" />
  </Icon>
);
export const IconCheckList = () => (
  <Icon size={28}>
    <path d="m4 6 1.5 1.5L8 5M4 12l1.5 1.5L8 11M4 18l1.5 1.5L8 17M11 6h9M11 12h9M11 18h9" />
  </Icon>
);

/** The app's mark (the same drawing as build/icon.svg): a page of law with a shield and keyhole. */
export const Logo = ({ size = 26 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 1024 1024" aria-hidden="true">
    <rect x="32" y="32" width="960" height="960" rx="216" fill="#1d4b68" />
    <path d="M290 170h310l150 150v520a34 34 0 0 1-34 34H290a34 34 0 0 1-34-34V204a34 34 0 0 1 34-34z" fill="#f7f4ec" />
    <path d="M600 170v116a34 34 0 0 0 34 34h116z" fill="#d8d0bd" />
    <rect x="330" y="390" width="300" height="30" rx="15" fill="#8d9ba6" />
    <rect x="330" y="460" width="340" height="30" rx="15" fill="#8d9ba6" />
    <rect x="330" y="530" width="250" height="30" rx="15" fill="#8d9ba6" />
    <path d="M700 560l150 56v118c0 100-66 166-150 200-84-34-150-100-150-200V616z" fill="#e3a72f" stroke="#143a52" strokeWidth="24" strokeLinejoin="round" />
    <circle cx="700" cy="700" r="34" fill="#143a52" />
    <path d="M684 716h32l14 84h-60z" fill="#143a52" />
  </svg>
);
export const IconMatrix = () => (
  <Icon>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M3 9h18M3 14h18M9 4v16M15 4v16" />
  </Icon>
);
export const IconProfile = () => (
  <Icon>
    <path d="M4 21V9l8-5 8 5v12" />
    <path d="M9 21v-6h6v6M4 21h16" />
  </Icon>
);
export const IconClauses = () => (
  <Icon>
    <path d="M5 4h10a2 2 0 0 1 2 2v14H7a2 2 0 0 1-2-2z" />
    <path d="M17 8h2v12a2 2 0 0 1-2 2H7M8 9h6M8 13h6" />
  </Icon>
);
