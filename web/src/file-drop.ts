// A file dropped anywhere on the page: a model file (.json) is imported, any other file read as the CSV
// data (the page took no dropped file: the browser opened a dropped CSV in the tab, leaving the page).
// A file dropped on one of the page's file fields is that field's, as the browser gives it.

const isFileField = (t: EventTarget | null) => t instanceof HTMLInputElement && t.type === 'file';
const carriesFiles = (e: DragEvent) => !isFileField(e.target) && (e.dataTransfer?.types.includes('Files') ?? false);

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
    if (!file) return;
    if (/\.json$/i.test(file.name) || file.type === 'application/json') use.model(file);
    else use.csv(file);
  });
}
