#!/usr/bin/env python3
"""backprop's CLI against scikit-learn's MLP over several seeds, on the real tabular data sets.

Usage: python3 bench/compare_seeds.py [data folder (default ../shared/data)] [--seeds=5] [--only=boston,ilpd,...]

For each task and seed s (the split's seed, backprop's --seed and scikit-learn's random_state are all s):
  - "bp defaults": `backprop train` with only the flags the file needs (target, header, --one-hot, --missing);
  - "sk defaults": MLPClassifier() / MLPRegressor() with their defaults, behind the preprocessing the
    file needs and a StandardScaler (scikit-learn's docs: "Multi-layer Perceptron is sensitive to feature
    scaling");
  - "bp = sk config" and "sk = sk config": scikit-learn's default network (100 ReLU units, Adam, lr 0.001,
    batch min(200, n), L2 alpha 1e-4, 200 epochs), standardized, in both tools, every epoch run
    (scikit-learn: tol=0; backprop has no stopping rule unless asked).
Prints one markdown row per task and configuration: the mean and the spread (min..max) over the seeds of
the test metric (accuracy and balanced accuracy, or R^2 and RMSE) and of the wall time.
"""
import os, sys, time
import numpy as np
from sklearn.compose import TransformedTargetRegressor
from sklearn.metrics import balanced_accuracy_score, r2_score
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import compare_sklearn as cs

SEEDS = next((int(a.split('=')[1]) for a in sys.argv if a.startswith('--seeds=')), 5)
ONLY = next((a.split('=')[1].split(',') for a in sys.argv if a.startswith('--only=')), None)

TASKS = [
    # name, file, target, regression, header, text columns, flags the file needs
    ('boston', 'boston_housing.csv', 'MEDV', True, True, (), []),
    ('california', 'california_housing.csv', 'median_house_value', True, True, ('ocean_proximity',), ['--one-hot', 'auto', '--missing', 'mean']),
    ('ilpd', 'ilpd.csv', 'last', False, False, ('2',), ['--one-hot', 'auto', '--missing', 'mean']),
    ('digits', 'digits.csv.gz', 'last', False, False, (), []),
]


def bp_metrics(m, regression):
    if regression:
        return {'r2': m['r2'], 'rmse': m['rmse']}
    return {'acc': m['accuracy'], 'bacc': m['balancedAccuracy']}


def sk_metrics(est, Xtr, ytr, Xte, yte, regression):
    t = time.perf_counter()
    est.fit(Xtr, ytr)
    p = est.predict(Xte)
    wall = time.perf_counter() - t
    if regression:
        return {'r2': r2_score(yte, p), 'rmse': float(np.sqrt(np.mean((p - yte) ** 2)))}, wall
    return {'acc': float(np.mean(p == yte)), 'bacc': balanced_accuracy_score(yte, p)}, wall


def sk_config(regression, n, seed, defaults):
    cls = MLPRegressor if regression else MLPClassifier
    if defaults: return cls(random_state=seed)
    return cls(hidden_layer_sizes=(100,), solver='adam', learning_rate_init=0.001, batch_size=min(200, n), max_iter=200,
               alpha=1e-4, tol=0.0, n_iter_no_change=200, random_state=seed)


def one(task, seed, results):
    name, file, target, regression, header, text_cols, need = task
    cs_split = cs.csv_split(file, target, regression, header, seed=seed, text_cols=text_cols)
    (trp, tep), Xtr, ytr, Xte, yte, text_idx = cs_split
    base = ['--data', trp, '--test', tep, '--target', target, '--header' if header else '--no-header', '--seed', str(seed)] + need
    n = len(ytr)
    runs = {
        'bp defaults': base,
        'bp = sk config': base + ['--standardize', '--layers', '100', '--optimizer', 'adam', '--lr', '0.001',
                                  '--batch-size', str(min(200, n)), '--epochs', '200', '--l2', '1e-4'],
    }
    for k, flags in runs.items():
        try:
            m, wall = cs.backprop(flags)
        except SystemExit as e:   # e.g. the course's defaults diverging on unscaled data: say so, count it
            print(f'<!-- {name} seed {seed} {k}: {str(e).splitlines()[-1]} -->', flush=True)
            results.setdefault(k + ' (failed runs)', []).append(({'failed': 1}, 0))
            continue
        results.setdefault(k, []).append((bp_metrics(m, regression), wall))
    Xtr, Xte = cs.to_float(Xtr, text_idx), cs.to_float(Xte, text_idx)
    if regression: ytr, yte = ytr.astype(float), yte.astype(float)
    for k, defaults in (('sk defaults', True), ('sk = sk config', False)):
        est = make_pipeline(cs.sk_pre(text_idx, Xtr.shape[1]), sk_config(regression, n, seed, defaults))
        results.setdefault(k, []).append(sk_metrics(est, Xtr, ytr, Xte, yte, regression))
        if regression:   # the target scaled too, as backprop's --standardize does
            est = TransformedTargetRegressor(regressor=make_pipeline(cs.sk_pre(text_idx, Xtr.shape[1]), sk_config(True, n, seed, defaults)),
                                             transformer=StandardScaler())
            results.setdefault(k + ' (y scaled)', []).append(sk_metrics(est, Xtr, ytr, Xte, yte, True))


def fmt(vals):
    a = np.array(vals, dtype=float)
    return f'{a.mean():.4g} ({a.min():.4g}..{a.max():.4g})'


def main():
    print(f'data: {cs.DATA}, seeds 1..{SEEDS}\n')
    print('| task | run | metric 1 | metric 2 | wall s |')
    print('| --- | --- | --- | --- | --- |')
    for task in TASKS:
        if ONLY and task[0] not in ONLY: continue
        results = {}
        for seed in range(1, SEEDS + 1):
            one(task, seed, results)
        for k, rs in results.items():
            if k.endswith('(failed runs)'):
                print(f'| {task[0]} | {k} | {len(rs)} of {SEEDS} seeds failed (see the comments above) | | |', flush=True)
                continue
            keys = list(rs[0][0].keys())
            cols = ' | '.join(f'{key} {fmt([r[0][key] for r in rs])}' for key in keys)
            print(f'| {task[0]} | {k} | {cols} | {fmt([r[1] for r in rs])} |', flush=True)


if __name__ == '__main__':
    main()
