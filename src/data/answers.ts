// Labels of a yes/no answer and the answer each gives ('1', 'yes', 'Y', 'true' say yes; '0', 'no',
// 'N', 'false' say no): files joined from two sources write one answer two ways. Pure (no Node module).

/** Labels of a yes/no answer, by the answer they give (lower case). */
const ANSWERS: ReadonlyMap<string, string> = new Map([
  ...['1', 'yes', 'y', 'true', 't'].map((w): [string, string] => [w, 'yes']),
  ...['0', 'no', 'n', 'false', 'f'].map((w): [string, string] => [w, 'no']),
]);

/** The answer a label gives ('yes' or 'no'), or undefined for a label that is no yes/no answer. */
export const answerOf = (label: string): string | undefined => ANSWERS.get(label.trim().toLowerCase());

/**
 * The class among `classes` that gives the same yes/no answer as `label` written another way ('1' for
 * 'yes', 'false' for '0'), as a message's hint, or undefined: a test file labelled 1/0 for a model
 * trained on yes/no was "class '1' was not in the training data" without a word of why.
 */
export function sameAnswerText(label: string, classes: readonly string[]): string | undefined {
  const answer = answerOf(label);
  const same = answer === undefined ? undefined : classes.find((c) => answerOf(c) === answer);
  return same === undefined ? undefined : `the same answer as class '${same}', written another way? write the labels as in training`;
}
