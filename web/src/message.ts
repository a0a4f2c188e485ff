// A message line (an error, a file loaded, a link copied): one line, so the cost curve, the plot and the
// controls stay where they were, and the whole text on demand with a "more" button when it does not fit
// (the notes beside the losses do the same with a details element). The element's text stays the
// message itself: the button's words are drawn by CSS and named by aria-label.

const observed = new WeakSet<HTMLElement>();

/** Write `text` into the message element `el` (of kind 'error' or 'info'): one line, the rest behind "more". */
export function showMessage(el: HTMLElement, text: string, kind: 'info' | 'error'): void {
  el.classList.toggle('error', kind === 'error');
  el.classList.remove('open');
  let line = el.querySelector<HTMLElement>(':scope > .text');
  let more = el.querySelector<HTMLButtonElement>(':scope > button.more');
  if (!line || !more) {
    line = document.createElement('span');
    line.className = 'text';
    more = document.createElement('button');
    more.type = 'button';
    more.className = 'more';
    more.hidden = true;
    more.addEventListener('click', () => {
      const open = el.classList.toggle('open');
      more!.setAttribute('aria-expanded', String(open));
      more!.setAttribute('aria-label', open ? 'Show the message on one line' : 'Show the whole message');
    });
    el.replaceChildren(line, more);
  }
  if (!observed.has(el)) {
    observed.add(el);
    // a window resized or a phone turned: the button again where the line is cut
    new ResizeObserver(() => fitLine(el)).observe(el);
  }
  line.textContent = text;
  more.setAttribute('aria-expanded', 'false');
  more.setAttribute('aria-label', 'Show the whole message');
  fitLine(el);
  if (text !== '') bringIntoView(el);
}

/** The "more" button shows only when the one line cuts the text. */
function fitLine(el: HTMLElement): void {
  const line = el.querySelector<HTMLElement>(':scope > .text');
  const more = el.querySelector<HTMLButtonElement>(':scope > button.more');
  if (!line || !more || el.classList.contains('open')) return;
  more.hidden = line.scrollWidth <= line.clientWidth + 1;
}

/** A message out of the window's sight (under the fold on a laptop, above the buttons on a phone) is scrolled to, as little as needed. */
function bringIntoView(el: HTMLElement): void {
  const r = el.getBoundingClientRect();
  if (r.height === 0) return; // (in a closed panel)
  if (r.top < 0 || r.bottom > window.innerHeight) el.scrollIntoView({ block: 'nearest' });
}
