// The code blocks and links of the repository's markdown pages, for tests that hold the docs to
// what the code does: a block runs as the page shows it unless an HTML comment right above it says
// `<!-- not run: REASON -->`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

export interface CodeBlock {
  /** The fence's language (`ts`, `sh`, `json`, ...; '' for none). */
  lang: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The reason of a `<!-- not run: ... -->` comment right above the fence. */
  notRun?: string;
  /** The `## ` heading the block is under ('' before the first). */
  section: string;
}

export function readDoc(file: string): string {
  return readFileSync(path.join(ROOT, file), 'utf8');
}

/** Every fenced block of a page (```lang ... ```), in order. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = readDoc(file).split('\n');
  const blocks: CodeBlock[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (.+)$/.exec(lines[i]!);
    if (heading) section = heading[1]!;
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    let above = start - 1;
    while (above >= 0 && lines[above]!.trim() === '') above--;
    const notRun = /^<!-- not run: (.+?) -->$/.exec(lines[above]?.trim() ?? '')?.[1];
    blocks.push({ lang: open[1]!, code: body.join('\n') + '\n', line: start + 1, section, ...(notRun ? { notRun } : {}) });
  }
  return blocks;
}

/** The shell commands of a block: continuation lines joined, comments and blank lines dropped. */
export function shellCommands(block: CodeBlock): string[] {
  return block.code.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** A command line split into arguments as a POSIX shell would for these pages: words, '...' quotes. */
export function shellWords(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** GitHub's anchor of a heading: lower case, punctuation but '-' dropped, spaces to '-'. */
export function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N}\- _]/gu, '').replace(/ /g, '-');
}

/** Relative links of a page (outside code) that point at no file, or at no heading of the page they name. */
export function brokenLinks(file: string): string[] {
  const text = readDoc(file).replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const headingsOf = (target: string) => new Set(readFileSync(target, 'utf8').replace(/```[\s\S]*?```/g, '').split('\n').flatMap((l) => /^#+ (.+)$/.exec(l)?.[1] ?? []).map(anchorOf));
  const broken: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const link = m[1]!;
    if (/^[a-z]+:/i.test(link)) continue;
    const [target, anchor] = link.split('#') as [string, string | undefined];
    const file2 = target === '' ? path.join(ROOT, file) : path.resolve(ROOT, path.dirname(file), target);
    if (!existsSync(file2)) broken.push(`${link}: no file ${path.relative(ROOT, file2)}`);
    else if (anchor !== undefined && file2.endsWith('.md') && !headingsOf(file2).has(anchor)) broken.push(`${link}: no heading #${anchor} in ${path.relative(ROOT, file2)}`);
  }
  return broken;
}
