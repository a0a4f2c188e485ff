#!/usr/bin/env python3
"""Several targets: backprop's CLI against scikit-learn's MLPRegressor on a multi-output regression.

Usage: python3 bench/compare_multiout.py      (BACKPROP="node bin/backprop.js" by default)

Data: load_linnerud (20 rows; 3 features, 3 targets Weight, Waist, Pulse; trained and scored on its 20
rows, as there are too few to hold any out) and make_regression(n_samples=500, n_features=10,
n_targets=3, noise=10, random_state=s) split 400/100 (train_test_split, random_state=s), seeds 1 to 3.
Matched settings: one hidden layer of 100 relu, adam at learning rate 0.001, batch 200, 200 epochs,
x and y standardized (backprop --standardize z-scores each target; scikit-learn: StandardScaler in a
Pipeline and TransformedTargetRegressor), Glorot initialization (backprop --init xavier),
scikit-learn's alpha = 1e-4 as backprop's --l2 2e-4 (scikit-learn's loss is half the mean squared error
plus alpha/2m ||W||^2; backprop's is the mean squared error plus l2/2m ||W||^2), tol=0 and
n_iter_no_change=max_iter so that scikit-learn runs every epoch.

Every number `backprop evaluate --json` prints is checked against sklearn.metrics on the same
predictions (backprop predict's): r2_score, mean_squared_error, mean_absolute_error and
root_mean_squared_error, per output (multioutput='raw_values') and their uniform average.
"""
import json, os, shlex, subprocess, sys, tempfile, warnings
import numpy as np
from sklearn.compose import TransformedTargetRegressor
from sklearn.datasets import load_linnerud, make_regression
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score, root_mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings('ignore')
HERE = os.path.dirname(os.path.abspath(__file__))
CLI = shlex.split(os.environ.get('BACKPROP', f'node {os.path.join(HERE, "..", "bin", "backprop.js")}'))
TMP = tempfile.mkdtemp(prefix='bp-multiout-')
ALPHA = 1e-4
METRICS = {'r2': r2_score, 'mse': mean_squared_error, 'mae': mean_absolute_error, 'rmse': root_mean_squared_error}


def run(args):
    out = subprocess.run(CLI + args, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f'backprop {" ".join(args)} failed: {out.stderr.strip()}')
    return out.stdout


def write_csv(path, X, Y, names):
    header = [f'x{i + 1}' for i in range(X.shape[1])] + names
    np.savetxt(path, np.hstack([X, Y]), delimiter=',', header=','.join(header), comments='', fmt='%.17g')


def backprop(Xtr, Ytr, Xte, Yte, names, seed, tag):
    train, test, model = (os.path.join(TMP, f'{tag}-{n}') for n in ('train.csv', 'test.csv', 'model.json'))
    write_csv(train, Xtr, Ytr, names)
    write_csv(test, Xte, Yte, names)
    run(['train', '--data', train, '--target', ','.join(names), '--test', test, '--layers', '100', '--activation', 'relu',
         '--optimizer', 'adam', '--lr', '0.001', '--batch-size', '200', '--epochs', '200', '--l2', str(2 * ALPHA),
         '--standardize', '--init', 'xavier', '--seed', str(seed), '--save', model])
    ev = json.loads(run(['evaluate', '--model', model, '--data', test, '--json']))
    P = np.loadtxt(run(['predict', '--model', model, '--data', test]).splitlines()[1:], delimiter=',', ndmin=2)
    # every number evaluate printed, against sklearn.metrics on backprop's own predictions
    worst = 0.0
    for key, f in METRICS.items():
        worst = max(worst, abs(ev[key] - f(Yte, P)))
        for i, n in enumerate(names):
            worst = max(worst, abs(ev['perOutput'][n][key] - f(Yte, P, multioutput='raw_values')[i]))
    return ev, worst


def sklearn(Xtr, Ytr, Xte, Yte, seed):
    mlp = MLPRegressor(hidden_layer_sizes=(100,), activation='relu', solver='adam', learning_rate_init=0.001, batch_size=200,
                       max_iter=200, alpha=ALPHA, tol=0, n_iter_no_change=200, random_state=seed)
    est = TransformedTargetRegressor(regressor=make_pipeline(StandardScaler(), mlp), transformer=StandardScaler())
    est.fit(Xtr, Ytr)
    P = est.predict(Xte)
    return {key: f(Yte, P) for key, f in METRICS.items()} | {'r2_each': r2_score(Yte, P, multioutput='raw_values').tolist()}


def main():
    lin = load_linnerud()
    tasks = [('linnerud', lin.data, lin.target, list(lin.target_names))]
    rows = []
    for seed in (1, 2, 3):
        for name, X, Y, names in tasks:
            rows.append((name, seed, backprop(X, Y, X, Y, names, seed, f'{name}{seed}'), sklearn(X, Y, X, Y, seed)))
        X, Y = make_regression(n_samples=500, n_features=10, n_targets=3, noise=10, random_state=seed)
        Xtr, Xte, Ytr, Yte = train_test_split(X, Y, test_size=100, random_state=seed)
        rows.append(('make_regression', seed, backprop(Xtr, Ytr, Xte, Yte, ['y1', 'y2', 'y3'], seed, f'mr{seed}'), sklearn(Xtr, Ytr, Xte, Yte, seed)))
    print(f'{"data":16} {"seed":>4}  {"backprop R2":>11} {"sklearn R2":>10}  {"backprop RMSE":>13} {"sklearn RMSE":>12}  {"evaluate vs sklearn.metrics":>27}')
    for name, seed, (ev, worst), sk in rows:
        print(f'{name:16} {seed:>4}  {ev["r2"]:>11.4f} {sk["r2"]:>10.4f}  {ev["rmse"]:>13.4f} {sk["rmse"]:>12.4f}  {worst:>27.1e}')
    for name in ('linnerud', 'make_regression'):
        b = [ev['r2'] for n, _, (ev, _w), _s in rows if n == name]
        s = [sk['r2'] for n, _, _e, sk in rows if n == name]
        print(f'{name}: R2 backprop {min(b):.4f}..{max(b):.4f}, scikit-learn {min(s):.4f}..{max(s):.4f}')
    print('largest |evaluate --json - sklearn.metrics|:', max(w for _n, _s, (_e, w), _sk in rows))


if __name__ == '__main__':
    main()
