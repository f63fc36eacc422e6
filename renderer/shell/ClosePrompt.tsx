import { Modal } from '../components/Modal';
import type { CloseChoice } from './close-flow';

/** Save / Don't Save / Cancel, before a window with unsaved changes closes. Save is the default. */
export function ClosePrompt({ name, reason, onChoose }: { name: string; reason: 'close' | 'quit'; onChoose: (choice: CloseChoice) => void }) {
  return (
    <Modal
      title={`Save changes to “${name}”?`}
      testId="close-prompt"
      onCancel={() => onChoose('cancel')}
      onSubmit={() => onChoose('save')}
      actions={
        <>
          <button type="button" className="ow-btn ow-btn-danger" onClick={() => onChoose('discard')}>
            Don’t Save
          </button>
          <span className="ow-spacer" />
          <button type="button" className="ow-btn" onClick={() => onChoose('cancel')}>
            Cancel
          </button>
          <button type="submit" className="ow-btn ow-btn-primary" autoFocus>
            Save
          </button>
        </>
      }
    >
      <p>
        {reason === 'quit' ? 'Ordwright is quitting. ' : ''}Your changes will be lost if you don’t save them.
      </p>
    </Modal>
  );
}
