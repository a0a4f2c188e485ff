#!/usr/bin/env python3
"""backprop's CLI against scikit-learn's MLP on the real data sets, as a new user would run them.

Usage: python3 bench/compare_sklearn.py [data folder (default ../shared/data)] [--skip-mnist | --only-mnist]
       BACKPROP="node bin/backprop.js" (default) or BACKPROP="npx backprop" picks the CLI.

Each task uses the same split for both tools (this script writes it to a temporary folder), the same
layers, optimizer, learning rate, batch size and number of epochs, with inputs standardized as
both tools' docs suggest (backprop: --standardize; scikit-learn: StandardScaler in a Pipeline).
scikit-learn runs with alpha=0 (no L2, as backprop's default), tol=0 and n_iter_no_change=max_iter
so that it runs every epoch. Time is wall time of the whole command (backprop: process start, data
reading and training; scikit-learn: fit and predict, data already in memory).
Needs numpy and scikit-learn (and h5py for the cat files, skipped without it).
"""
import gzip, json, os, shlex, subprocess, sys, tempfile, time, warnings
import numpy as np
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

warnings.filterwarnings('ignore')
HERE = os.path.dirname(os.path.abspath(__file__))
args = [a for a in sys.argv[1:] if not a.startswith('--')]
DATA = os.path.abspath(args[0] if args else os.path.join(HERE, '..', '..', 'shared', 'data'))
SKIP_MNIST = '--skip-mnist' in sys.argv
ONLY_MNIST = '--only-mnist' in sys.argv
CLI = shlex.split(os.environ.get('BACKPROP', f'node {os.path.join(HERE, "..", "bin", "backprop.js")}'))
TMP = tempfile.mkdtemp(prefix='bp-compare-')


def backprop(flags):
    t = time.perf_counter()
    out = subprocess.run(CLI + ['train', '--json'] + flags, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if out.returncode != 0:
        raise SystemExit(f'backprop {" ".join(flags)} failed: {out.stderr.strip()}')
    d = json.loads(out.stdout)
    return d['test'], wall


def sk(est, Xtr, ytr, Xte, yte, regression):
    t = time.perf_counter()
    est.fit(Xtr, ytr)
    p = est.predict(Xte)
    wall = time.perf_counter() - t
    if regression:
        return {'rmse': float(np.sqrt(np.mean((p - yte) ** 2)))}, wall
    return {'accuracy': float(np.mean(p == yte))}, wall


def mlp(regression, layers, lr, batch, epochs, seed=1):
    cls = MLPRegressor if regression else MLPClassifier
    return cls(hidden_layer_sizes=layers, solver='adam', learning_rate_init=lr, batch_size=batch,
               max_iter=epochs, alpha=0.0, tol=0.0, n_iter_no_change=epochs, random_state=seed)


def csv_split(name, target, regression, header, seed=1, text_cols=()):
    """Reads a CSV with numpy (text as str), returns train/test file paths and arrays."""
    import csv
    opener = gzip.open if name.endswith('.gz') else open
    with opener(os.path.join(DATA, name), 'rt') as f:
        rows = list(csv.reader(f))
    head = rows[0] if header else [str(i + 1) for i in range(len(rows[0]))]
    body = rows[1:] if header else rows
    ti = head.index(target) if target != 'last' else len(head) - 1
    y = np.array([r[ti] for r in body])
    strat = None if regression else y
    idx = np.arange(len(body))
    tr, te = train_test_split(idx, test_size=0.2, random_state=seed, stratify=strat)
    paths = []
    for part, ids in (('train', tr), ('test', te)):
        p = os.path.join(TMP, f'{part}-{os.path.basename(name).replace(".gz", "")}')
        with open(p, 'w', newline='') as f:
            w = csv.writer(f)
            if header: w.writerow(head)
            for i in ids: w.writerow(body[i])
        paths.append(p)
    feats = [i for i in range(len(head)) if i != ti]
    X = np.array([[r[i] for i in feats] for r in body], dtype=object)
    return paths, X[tr], y[tr], X[te], y[te], [j for j, i in enumerate(feats) if head[i] in text_cols]


def sk_pre(text_idx, n_cols):
    num = [i for i in range(n_cols) if i not in text_idx]
    steps = [('num', make_pipeline(SimpleImputer(strategy='mean'), StandardScaler()), num)]
    if text_idx: steps.append(('txt', OneHotEncoder(handle_unknown='ignore'), text_idx))
    return ColumnTransformer(steps)


def to_float(X, text_idx):
    X = X.copy()
    for j in range(X.shape[1]):
        if j not in text_idx:
            X[:, j] = [float(v) if v != '' else np.nan for v in X[:, j]]
    return X


def row(task, settings, bp, bpt, skm, skt, skm2=None):
    key = 'rmse' if 'rmse' in skm else 'accuracy'
    bpv = bp['rmse'] if key == 'rmse' and 'rmse' in bp else (bp['mse'] ** 0.5 if key == 'rmse' else bp['accuracy'])
    extra = f' | {skm2[key]:.4g}' if skm2 else ' | '
    print(f'| {task} | {settings} | {key} | {bpv:.4g} | {bpt:.1f} | {skm[key]:.4g}{extra} | {skt:.1f} |', flush=True)


def csv_task(task, name, target, regression, header, layers, lr, batch, epochs, text_cols=(), extra=()):
    (trp, tep), Xtr, ytr, Xte, yte, text_idx = csv_split(name, target, regression, header, text_cols=text_cols)
    flags = ['--data', trp, '--test', tep, '--target', target, '--standardize', '--optimizer', 'adam', '--lr', str(lr),
             '--epochs', str(epochs), '--layers', ','.join(map(str, layers))] + (['--batch-size', str(batch)] if batch else [])
    flags += ['--header' if header else '--no-header'] + list(extra)
    bp, bpt = backprop(flags)
    Xtr, Xte = to_float(Xtr, text_idx), to_float(Xte, text_idx)
    if regression: ytr, yte = ytr.astype(float), yte.astype(float)
    b = batch or len(ytr)
    est = make_pipeline(sk_pre(text_idx, Xtr.shape[1]), mlp(regression, layers, lr, b, epochs))
    skm, skt = sk(est, Xtr, ytr, Xte, yte, regression)
    skm2 = None
    if regression:   # scikit-learn's docs scale X only; scaling y too is what backprop's --standardize does
        est2 = TransformedTargetRegressor(regressor=make_pipeline(sk_pre(text_idx, Xtr.shape[1]), mlp(True, layers, lr, b, epochs)),
                                          transformer=StandardScaler())
        skm2, _ = sk(est2, Xtr, ytr, Xte, yte, True)
    row(task, f'{layers} adam lr {lr} batch {batch or "all"} {epochs} ep', bp, bpt, skm, skt, skm2)


def file_task(task, flags, Xtr, ytr, Xte, yte, layers, lr, batch, epochs, scale):
    bp, bpt = backprop(flags)
    est = mlp(False, layers, lr, batch or len(ytr), epochs)
    if scale: est = make_pipeline(StandardScaler(), est)
    skm, skt = sk(est, Xtr, ytr, Xte, yte, False)
    row(task, f'{layers} adam lr {lr} batch {batch or "all"} {epochs} ep', bp, bpt, skm, skt)


def idx(path):
    with gzip.open(path, 'rb') as f:
        b = f.read()
    nd = b[3]
    dims = [int.from_bytes(b[4 + 4 * i:8 + 4 * i], 'big') for i in range(nd)]
    return np.frombuffer(b, np.uint8, offset=4 + 4 * nd).reshape(dims[0], -1)


def main():
    print(f'data: {DATA}\nbackprop: {" ".join(CLI)}\n')
    print('| task | settings (both tools) | metric | backprop | backprop s | scikit-learn | sk (y scaled) | sk s |')
    print('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |')
    if not ONLY_MNIST: small_tasks()
    if not SKIP_MNIST:
        Xtr, ytr = idx(os.path.join(DATA, 'train-images-idx3-ubyte.gz')) / 255, idx(os.path.join(DATA, 'train-labels-idx1-ubyte.gz')).ravel()
        Xte, yte = idx(os.path.join(DATA, 't10k-images-idx3-ubyte.gz')) / 255, idx(os.path.join(DATA, 't10k-labels-idx1-ubyte.gz')).ravel()
        file_task('MNIST (/255)', ['--data', os.path.join(DATA, 'train-images-idx3-ubyte.gz'), '--test', os.path.join(DATA, 't10k-images-idx3-ubyte.gz'),
                  '--optimizer', 'adam', '--lr', '0.001', '--batch-size', '32', '--epochs', '8', '--layers', '128'],
                  Xtr, ytr, Xte, yte, (128,), 0.001, 32, 8, False)


def small_tasks():
    csv_task('boston (MEDV)', 'boston_housing.csv', 'MEDV', True, True, (32, 16), 0.01, None, 300)
    csv_task('boston (MEDV)', 'boston_housing.csv', 'MEDV', True, True, (32, 16), 0.001, 32, 100)
    csv_task('california (median_house_value)', 'california_housing.csv', 'median_house_value', True, True, (64, 32), 0.001, 32, 20,
             text_cols=('ocean_proximity',), extra=('--one-hot', 'auto', '--missing', 'mean'))
    csv_task('ilpd (11)', 'ilpd.csv', 'last', False, False, (8,), 0.01, None, 200, text_cols=('2',), extra=('--one-hot', 'auto', '--missing', 'mean'))
    csv_task('ilpd (11)', 'ilpd.csv', 'last', False, False, (8,), 0.001, 32, 200, text_cols=('2',), extra=('--one-hot', 'auto', '--missing', 'mean'))
    csv_task('digits', 'digits.csv.gz', 'last', False, False, (64,), 0.001, 32, 50)
    tra = np.loadtxt(os.path.join(DATA, 'optdigits.tra'), delimiter=',')
    tes = np.loadtxt(os.path.join(DATA, 'optdigits.tes'), delimiter=',')
    file_task('optdigits (tra/tes)', ['--data', os.path.join(DATA, 'optdigits.tra'), '--test', os.path.join(DATA, 'optdigits.tes'), '--no-header',
              '--standardize', '--optimizer', 'adam', '--lr', '0.001', '--batch-size', '32', '--epochs', '50', '--layers', '64'],
              tra[:, :-1], tra[:, -1], tes[:, :-1], tes[:, -1], (64,), 0.001, 32, 50, True)
    try:
        import h5py
        with h5py.File(os.path.join(DATA, 'train_catvnoncat.h5')) as a, h5py.File(os.path.join(DATA, 'test_catvnoncat.h5')) as b:
            Xtr, ytr = a['train_set_x'][:].reshape(209, -1) / 255, a['train_set_y'][:]
            Xte, yte = b['test_set_x'][:].reshape(50, -1) / 255, b['test_set_y'][:]
        file_task('cat vs non-cat (/255)', ['--data', os.path.join(DATA, 'train_catvnoncat.h5'), '--test', os.path.join(DATA, 'test_catvnoncat.h5'),
                  '--optimizer', 'adam', '--lr', '0.001', '--batch-size', '32', '--epochs', '100', '--layers', '20,7,5'],
                  Xtr, ytr, Xte, yte, (20, 7, 5), 0.001, 32, 100, False)
        file_task('cat vs non-cat (standardized)', ['--data', os.path.join(DATA, 'train_catvnoncat.h5'), '--test', os.path.join(DATA, 'test_catvnoncat.h5'),
                  '--standardize', '--optimizer', 'adam', '--lr', '0.001', '--batch-size', '32', '--epochs', '100', '--layers', '20,7,5'],
                  Xtr, ytr, Xte, yte, (20, 7, 5), 0.001, 32, 100, True)
    except ImportError:
        print('(h5py is not installed: the cat task is skipped)')


if __name__ == '__main__':
    main()
