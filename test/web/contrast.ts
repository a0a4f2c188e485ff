// WCAG 2.1 contrast of what the page shows, from Chromium's computed colours: text (4.5:1, or 3:1 when
// large: 24 px, or 18.66 px bold) against the colour behind it, and the borders and focus ring that
// show a control (3:1, WCAG 1.4.11) against the colour around it. Run in the page (page.evaluate).

export interface ContrastFailure { what: string; ratio: number; need: number; fg: string; bg: string }

/** Every visible text and control of the page whose contrast is under WCAG 2.1 AA, as `what` lines. */
export function contrastFailures(): ContrastFailure[] {
  type RGBA = [number, number, number, number];
  const parse = (c: string): RGBA => {
    const m = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(c);
    if (!m) return [0, 0, 0, 0];
    return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
  };
  const over = (top: RGBA, under: RGBA): RGBA => {
    const a = top[3];
    return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
  };
  const lum = (c: RGBA) => {
    const f = (v: number) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a: RGBA, b: RGBA) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x! + 0.05) / (y! + 0.05); };
  const hex = (c: RGBA) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  /** The colour behind an element: its ancestors' backgrounds, composed (white under all). */
  const behind = (el: Element | null): RGBA => {
    const layers: RGBA[] = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] === 1) break;
    }
    return layers.reverse().reduce<RGBA>((acc, c) => over(c, acc), [255, 255, 255, 1]);
  };
  const opacity = (el: Element) => { let o = 1; for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
  const shown = (el: Element) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && (el as HTMLElement).checkVisibility?.() !== false; };
  const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
  const disabled = (el: Element) => (el as HTMLButtonElement).disabled === true || el.closest('[disabled], fieldset:disabled') !== null;
  const failures: ContrastFailure[] = [];
  const seen = new Set<string>();
  const check = (what: string, fg: RGBA, bg: RGBA, need: number) => {
    const r = ratio(fg, bg);
    const key = `${what} ${hex(fg)} ${hex(bg)}`;
    if (r < need - 0.005 && !seen.has(key)) { seen.add(key); failures.push({ what, ratio: Math.round(r * 100) / 100, need, fg: hex(fg), bg: hex(bg) }); }
  };
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement!;
    if (!(n.textContent ?? '').trim() || !shown(el) || disabled(el) || el.closest('svg, canvas, [aria-hidden=true] .tick, option')) continue;
    const cs = getComputedStyle(el);
    const bg = behind(el);
    const fg = over([...parse(cs.color).slice(0, 3), parse(cs.color)[3] * opacity(el)] as RGBA, bg);
    const size = parseFloat(cs.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
    check(`text '${n.textContent!.trim().slice(0, 30)}' in ${name(el)}`, fg, bg, large ? 3 : 4.5);
  }
  // the controls' edges: a border (or, without one, the control's own background) against what is around it
  for (const el of Array.from(document.querySelectorAll('button, select, input, .button, summary, [role=tab]'))) {
    if (!shown(el) || disabled(el) || el.classList.contains('visually-hidden') || (el as HTMLInputElement).type === 'file') continue;
    const cs = getComputedStyle(el);
    const around = behind(el.parentElement);
    const own = over(parse(cs.backgroundColor), around);
    const border = parseFloat(cs.borderTopWidth) > 0 && cs.borderTopStyle !== 'none' ? over(parse(cs.borderTopColor), around) : undefined;
    if (el.matches('summary, [role=tab], input[type=range], input[type=checkbox]')) continue; // (drawn by their text, or by the browser's own control)
    const edge = border && ratio(border, around) >= ratio(own, around) ? border : own;
    check(`the edge of ${name(el)}`, edge, around, 3);
  }
  return failures;
}
