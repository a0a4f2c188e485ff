// What a value is, said in a message about what it should have been: 'a Matrix', 'an array',
// 'a string', 'undefined'. Pure: it runs in a browser.

export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'an array';
  if (v === '') return 'an empty string';
  if (typeof v !== 'object') return `a ${typeof v}`;
  const name = (v as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}
