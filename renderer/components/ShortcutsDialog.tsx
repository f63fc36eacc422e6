import { Modal } from './Modal';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';
const ALT = isMac ? '⌥' : 'Alt';

type Row = [keys: string[], what: string];

const GROUPS: { title: string; rows: Row[] }[] = [
  {
    title: 'Structure',
    rows: [
      [['Enter'], 'Split the provision at the cursor (a new provision after it)'],
      [[MOD, 'Enter'], 'New provision after the current one'],
      [[MOD, 'Shift', 'Enter'], 'New section after the current one'],
      [['Tab'], 'One level deeper: (b) becomes (a)(1)'],
      [['Shift', 'Tab'], 'One level up: (a)(1) becomes (b)'],
      [[ALT, '↑'], 'Move the section up (also in the outline)'],
      [[ALT, '↓'], 'Move the section down (also in the outline)'],
      [['Backspace'], 'At the start of a provision: join it to the one before'],
      [['Shift', 'Enter'], 'Line break within a provision'],
    ],
  },
  {
    title: 'Editing',
    rows: [
      [[MOD, 'Z'], 'Undo'],
      [[MOD, 'Shift', 'Z'], 'Redo (also ' + MOD + '+Y)'],
      [[MOD, 'K'], 'Insert a cross-reference to a section or provision'],
      [['Enter'], 'On a selected placeholder: fill in its value'],
      [['Enter'], 'On a selected cross-reference: go to its target (or ' + MOD + '-click it)'],
    ],
  },
  {
    title: 'Find',
    rows: [
      [[MOD, 'F'], 'Find'],
      [[MOD, 'H'], 'Find and replace'],
      [['Enter'], 'Next match (Shift+Enter: previous)'],
      [['Esc'], 'Close the find bar'],
    ],
  },
  {
    title: 'View and file',
    rows: [
      [[MOD, '='], 'Zoom in'],
      [[MOD, '-'], 'Zoom out'],
      [[MOD, '0'], 'Actual size'],
      [[MOD, 'Shift', 'L'], 'Show or hide the clause library and outline'],
      [[MOD, 'Shift', 'K'], 'Show or hide coverage and checks'],
      [[MOD, 'S'], 'Save (' + MOD + '+Shift+S: save as)'],
      [[MOD, 'O'], 'Open a project'],
      [[MOD, 'E'], 'Export to Word'],
      [['F1'], 'This list (also ' + MOD + '+/)'],
    ],
  },
];

/** F1 or Mod-/: every keyboard shortcut of the workspace. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal
      title="Keyboard shortcuts"
      testId="shortcuts-dialog"
      wide
      onCancel={onClose}
      onSubmit={onClose}
      actions={
        <button type="submit" className="ow-btn ow-btn-primary" autoFocus>
          Close
        </button>
      }
    >
      <div className="ow-shortcuts">
        {GROUPS.map((g) => (
          <section key={g.title}>
            <h3>{g.title}</h3>
            <table>
              <tbody>
                {g.rows.map(([keys, what], i) => (
                  <tr key={i}>
                    <td className="ow-keys">
                      {keys.map((k, j) => (
                        <span key={j}>
                          {j > 0 ? <span aria-hidden="true">+</span> : null}
                          <kbd>{k}</kbd>
                        </span>
                      ))}
                    </td>
                    <td>{what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </Modal>
  );
}
