#!/usr/bin/env python3
"""Multi-label classification: backprop's CLI against scikit-learn's MLPClassifier on a label-indicator Y.

Usage: python3 bench/compare_multilabel.py      (BACKPROP="node bin/backprop.js" by default)

Data: make_multilabel_classification(n_samples=600, n_features=20, n_classes=5, n_labels=2,
random_state=s) split 450/150 (train_test_split, random_state=s), seeds 1 to 3: 5 labels of 0/1 per
example (an example may carry none, one or several). Matched settings: one hidden layer of 100 relu, 5
sigmoid outputs, the sum of the labels' binary cross-entropies averaged over the examples (scikit-learn's
loss_ for a multi-label Y, backprop's J), adam at learning rate 0.001, batch 200, 200 epochs, no L2
(alpha=0), no early stopping (tol=0 and n_iter_no_change=max_iter so that scikit-learn runs every epoch),
x standardized (backprop --standardize; scikit-learn: StandardScaler in a Pipeline), Glorot initialization
(backprop --init xavier). The labels are predicted at 0.5 on both sides.

Every number `backprop evaluate --json` prints is checked against sklearn.metrics on the same
predictions (backprop predict's): accuracy_score (subset accuracy), hamming_loss, and f1_score,
precision_score and recall_score per label and averaged micro, macro and samples.
"""
import json, os, shlex, subprocess, tempfile, warnings
import numpy as np
from sklearn.datasets import make_multilabel_classification
from sklearn.metrics import accuracy_score, f1_score, hamming_loss, precision_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings('ignore')
HERE = os.path.dirname(os.path.abspath(__file__))
CLI = shlex.split(os.environ.get('BACKPROP', f'node {os.path.join(HERE, "..", "bin", "backprop.js")}'))
TMP = tempfile.mkdtemp(prefix='bp-multilabel-')
NAMES = [f'l{i + 1}' for i in range(5)]


def run(args):
    out = subprocess.run(CLI + args, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f'backprop {" ".join(args)} failed: {out.stderr.strip()}')
    return out.stdout


def write_csv(path, X, Y):
    header = [f'x{i + 1}' for i in range(X.shape[1])] + NAMES
    np.savetxt(path, np.hstack([X, Y]), delimiter=',', header=','.join(header), comments='', fmt='%.17g')


def check(ev, Y, P):
    """The largest difference between evaluate --json and sklearn.metrics on the same predictions."""
    pairs = [(ev['subsetAccuracy'], accuracy_score(Y, P)), (ev['hammingLoss'], hamming_loss(Y, P))]
    for avg in ('micro', 'macro', 'samples'):
        for key, f in (('precision', precision_score), ('recall', recall_score), ('f1', f1_score)):
            pairs.append((ev[avg][key], f(Y, P, average=avg, zero_division=0)))
    for key, f in (('precision', precision_score), ('recall', recall_score), ('f1', f1_score)):
        each = f(Y, P, average=None, zero_division=0)
        pairs += [(ev['perLabel'][n][key], each[i]) for i, n in enumerate(NAMES)]
    return max(abs(a - b) for a, b in pairs)


def backprop(Xtr, Ytr, Xte, Yte, seed):
    train, test, model = (os.path.join(TMP, f'{seed}-{n}') for n in ('train.csv', 'test.csv', 'model.json'))
    write_csv(train, Xtr, Ytr)
    write_csv(test, Xte, Yte)
    run(['train', '--data', train, '--target', ','.join(NAMES), '--task', 'classification', '--test', test, '--layers', '100',
         '--activation', 'relu', '--optimizer', 'adam', '--lr', '0.001', '--batch-size', '200', '--epochs', '200',
         '--standardize', '--init', 'xavier', '--seed', str(seed), '--save', model])
    ev = json.loads(run(['evaluate', '--model', model, '--data', test, '--json']))
    P = np.loadtxt(run(['predict', '--model', model, '--data', test]).splitlines()[1:], delimiter=',', ndmin=2)
    return ev, check(ev, Yte, P)


def sklearn(Xtr, Ytr, Xte, Yte, seed):
    mlp = MLPClassifier(hidden_layer_sizes=(100,), activation='relu', solver='adam', learning_rate_init=0.001, batch_size=200,
                        max_iter=200, alpha=0, tol=0, n_iter_no_change=200, random_state=seed)
    est = make_pipeline(StandardScaler(), mlp).fit(Xtr, Ytr)
    P = est.predict(Xte)
    return {'subset': accuracy_score(Yte, P), 'hamming': hamming_loss(Yte, P), 'f1_micro': f1_score(Yte, P, average='micro')}


def main():
    rows = []
    for seed in (1, 2, 3):
        X, Y = make_multilabel_classification(n_samples=600, n_features=20, n_classes=5, n_labels=2, random_state=seed)
        Xtr, Xte, Ytr, Yte = train_test_split(X, Y, test_size=150, random_state=seed)
        rows.append((seed, backprop(Xtr, Ytr, Xte, Yte, seed), sklearn(Xtr, Ytr, Xte, Yte, seed)))
    print(f'{"seed":>4}  {"backprop subset acc":>19} {"sklearn subset acc":>18}  {"backprop Hamming":>16} {"sklearn Hamming":>15}  {"backprop F1 micro":>17} {"sklearn F1 micro":>16}  {"evaluate vs sklearn.metrics":>27}')
    for seed, (ev, worst), sk in rows:
        print(f'{seed:>4}  {ev["subsetAccuracy"]:>19.4f} {sk["subset"]:>18.4f}  {ev["hammingLoss"]:>16.4f} {sk["hamming"]:>15.4f}  {ev["micro"]["f1"]:>17.4f} {sk["f1_micro"]:>16.4f}  {worst:>27.1e}')
    print('largest |evaluate --json - sklearn.metrics|:', max(w for _s, (_e, w), _sk in rows))


if __name__ == '__main__':
    main()
