// Classes numbered 0 to the largest label (an HDF5 or IDX file's numbers, with no list of class names):
// an index below the largest that no example has is an output the network never trains, said once.

/**
 * Class indices read from the largest label (no class list) where some index below it has no example:
 * labels 1..10 (numbered from 1, as SVHN's and MATLAB's, EMNIST's letters 1-26) made 11 classes, class 0
 * never seen, silently.
 */
export function warnEmptyClasses(Y: ArrayLike<number>, classes: string[], where: string, warn: (message: string) => void): void {
  const seen = new Uint8Array(classes.length);
  for (let j = 0; j < Y.length; j++) seen[Y[j]!] = 1;
  const empty = classes.filter((_, k) => !seen[k]);
  if (empty.length === 0) return;
  const shown = empty.length <= 5 ? empty.join(', ') : `${empty.slice(0, 5).join(', ')}, ... (${empty.length} in all)`;
  const fromOne = empty.length === 1 && empty[0] === '0' ? '; numbered from 1? store them from 0 (y - 1)' : '';
  warn(`${where} are read as the class indices 0 to ${classes.length - 1}, and no example has ${empty.length === 1 ? 'class' : 'the classes'} ${shown}: the network gets ${classes.length} outputs, ${empty.length === 1 ? 'one' : empty.length} never trained${fromOne}`);
}
