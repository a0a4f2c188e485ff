// A file dropped anywhere on the page: a model file (.json) is imported, any other file read as the CSV
// data (the page took no dropped file: the browser opened a dropped CSV in the tab, leaving the page).
// A file dropped on one of the page's file fields is that field's, as the browser gives it. Pasted on the
// page (not in a field): a copied file as if dropped, copied text (a spreadsheet's cells, a CSV's lines)
// read as the CSV data (a paste did nothing: the rows had to be saved as a file first).

const isFileField = (t: EventTarget | null) => t instanceof HTMLInputElement && t.type === 'file';
const carriesFiles = (e: DragEvent) => !isFileField(e.target) && (e.dataTransfer?.types.includes('Files') ?? false);

/** The name the page gives pasted text, in its messages. */
export const PASTED_NAME = 'the pasted text';

const isEditable = (t: EventTarget | null) => t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement ||
  (t instanceof HTMLElement && t.isContentEditable);

/** The model file or the CSV data of a file given to the page. */
function useFile(file: File, use: { model(file: File): void; csv(file: File): void }): void {
  if (/\.json$/i.test(file.name) || file.type === 'application/json') use.model(file);
  else use.csv(file);
}

export function takePastedData(target: EventTarget, use: { model(file: File): void; csv(file: File): void }): void {
  target.addEventListener('paste', (e) => {
    const paste = e as ClipboardEvent;
    if (isEditable(paste.target) || !paste.clipboardData) return;
    const file = paste.clipboardData.files[0];
    const text = paste.clipboardData.getData('text/plain');
    if (!file && text.trim() === '') return;
    paste.preventDefault();
    useFile(file ?? new File([text], PASTED_NAME, { type: 'text/csv' }), use);
  });
}

export function takeDroppedFiles(target: EventTarget, use: { model(file: File): void; csv(file: File): void }): void {
  target.addEventListener('dragover', (e) => {
    const drag = e as DragEvent;
    if (!carriesFiles(drag)) return;
    drag.preventDefault(); // (a drop here, not the browser opening the file)
    drag.dataTransfer!.dropEffect = 'copy';
  });
  target.addEventListener('drop', (e) => {
    const drag = e as DragEvent;
    if (!carriesFiles(drag)) return;
    drag.preventDefault();
    const file = drag.dataTransfer?.files[0];
    if (file) useFile(file, use);
  });
}
