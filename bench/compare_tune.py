#!/usr/bin/env python3
"""backprop's tune against scikit-learn's searches and Optuna on one split per seed (peers34).

Usage: python3 bench/compare_tune.py [--only=wine,...] [--seeds=3] [--part=bp|peers|all] > results.jsonl
       (Debian's python3-sklearn, python3-pandas and python3-optuna; the data: scikit-learn's bundled sets, and
       ../shared/data beside the repository; backprop: this build's dist/src/node.js, after npm run build)
For each set and seed s: train/validation/test 60/20/20 (stratified for classes; optdigits: its tra file split
75/25 into train/validation, its tes file the test), written as numeric CSVs (ILPD's gender 0/1, its 4 empty
cells the training mean). Every tool standardizes the inputs on its training rows (and a regression target), trains
Adam with every epoch run, scores candidates on the validation rows (accuracy, or R^2), refits the chosen one on
train + validation and scores it once on the test rows.
Grid: hidden {16, 64} x lr {1e-3, 1e-2} x L2 {1e-4, 1e-2} x batch {32, 128} (16 points). Random, TPE, Optuna: 16
trials of hidden {16, 64, 64-32}, lr log 1e-4..1e-1, L2 log 1e-5..1e-1, batch {16, 32, 64, 128}.
"""
import json, os, subprocess, sys, tempfile, time, warnings
import numpy as np, pandas as pd
from sklearn.datasets import load_breast_cancer, load_wine, load_digits, load_diabetes
from sklearn.compose import TransformedTargetRegressor
from sklearn.model_selection import train_test_split, PredefinedSplit, GridSearchCV, RandomizedSearchCV
from sklearn.experimental import enable_halving_search_cv  # noqa
from sklearn.model_selection import HalvingRandomSearchCV
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from scipy.stats import loguniform
warnings.filterwarnings('ignore')
HERE = os.path.dirname(os.path.abspath(__file__))
W = tempfile.mkdtemp(prefix='bp-tune-peers-')
DATA = os.path.join(HERE, '..', '..', 'shared', 'data')
BP_DRIVER = os.path.join(HERE, 'compare_tune.mjs')
BP_ENV = {**os.environ, 'BACKPROP_LIB': os.path.join(HERE, '..', 'dist', 'src', 'node.js')}
TRIALS = 16
GRID = {'hidden': [(16,), (64,)], 'lr': [1e-3, 1e-2], 'l2': [1e-4, 1e-2], 'batch': [32, 128]}
HIDDEN = [(16,), (64,), (64, 32)]
BATCHES = [16, 32, 64, 128]

def frames():
    out = {}
    for name, f in [('breast_cancer', load_breast_cancer), ('wine', load_wine), ('digits', load_digits), ('diabetes', load_diabetes)]:
        d = f(as_frame=True).frame
        d.to_csv(f'{W}/{name}.csv')  # as a user writes it (with the index); read back as a user would
        out[name] = pd.read_csv(f'{W}/{name}.csv', index_col=0)
    ilpd = pd.read_csv(f'{DATA}/ilpd.csv', header=None)
    ilpd[1] = (ilpd[1] == 'Female').astype(int)
    out['ilpd'] = ilpd.rename(columns=lambda c: f'c{c}').rename(columns={'c10': 'target'})
    out['boston'] = pd.read_csv(f'{DATA}/boston_housing.csv').rename(columns={'MEDV': 'target'})
    tra = pd.read_csv(f'{DATA}/optdigits.tra', header=None); tes = pd.read_csv(f'{DATA}/optdigits.tes', header=None)
    out['optdigits'] = (tra.rename(columns=lambda c: f'p{c}').rename(columns={'p64': 'target'}),
                        tes.rename(columns=lambda c: f'p{c}').rename(columns={'p64': 'target'}))
    return out

TASKS = [('breast_cancer', False, 40), ('wine', False, 40), ('ilpd', False, 40), ('diabetes', True, 40),
         ('boston', True, 40), ('digits', False, 20), ('optdigits', False, 15)]

def split(df, reg, seed):
    if isinstance(df, tuple):
        tr, va = train_test_split(df[0], test_size=0.25, random_state=seed, stratify=df[0]['target'])
        return tr, va, df[1]
    strat = None if reg else df['target']
    rest, te = train_test_split(df, test_size=0.2, random_state=seed, stratify=strat)
    tr, va = train_test_split(rest, test_size=0.25, random_state=seed, stratify=None if reg else rest['target'])
    # the training rows' means fill every part's empty cells (ILPD)
    means = tr.mean(numeric_only=True)
    return tr.fillna(means), va.fillna(means), te.fillna(means)

def est(reg, epochs, seed):
    if reg:
        m = MLPRegressor(solver='adam', max_iter=epochs, tol=0, n_iter_no_change=10**6, random_state=seed)
        return TransformedTargetRegressor(make_pipeline(StandardScaler(), m), transformer=StandardScaler()), 'regressor__mlpregressor__'
    return make_pipeline(StandardScaler(), MLPClassifier(solver='adam', max_iter=epochs, tol=0, n_iter_no_change=10**6, random_state=seed)), 'mlpclassifier__'

def alpha(l2, reg):  # backprop's (lambda/2m)||W||^2 on the mean loss; scikit-learn halves its squared loss
    return l2 / 2 if reg else l2

def peers(name, reg, epochs, seed, tr, va, te):
    X = pd.concat([tr, va]).drop(columns=['target']).to_numpy(float); y = pd.concat([tr, va])['target'].to_numpy()
    Xte = te.drop(columns=['target']).to_numpy(float); yte = te['target'].to_numpy()
    if reg: y, yte = y.astype(float), yte.astype(float)
    cv = PredefinedSplit([-1] * len(tr) + [0] * len(va))
    e, p = est(reg, epochs, seed)
    grid = {p + 'hidden_layer_sizes': GRID['hidden'], p + 'learning_rate_init': GRID['lr'],
            p + 'alpha': [alpha(v, reg) for v in GRID['l2']], p + 'batch_size': GRID['batch']}
    dist = {p + 'hidden_layer_sizes': HIDDEN, p + 'learning_rate_init': loguniform(1e-4, 1e-1),
            p + 'alpha': loguniform(alpha(1e-5, reg), alpha(1e-1, reg)), p + 'batch_size': BATCHES}
    searches = [('sk-grid', lambda: GridSearchCV(e, grid, cv=cv, n_jobs=2)),
                ('sk-random', lambda: RandomizedSearchCV(e, dist, n_iter=TRIALS, cv=cv, n_jobs=2, random_state=seed)),
                ('sk-halving', lambda: HalvingRandomSearchCV(e, dist, n_candidates=TRIALS, resource=p + 'max_iter', min_resources=max(1, epochs // 9), max_resources=epochs, factor=3, cv=cv, n_jobs=2, random_state=seed))]
    for method, make in searches:
        s = make(); t = time.perf_counter(); s.fit(X, y); score = s.score(Xte, yte); wall = time.perf_counter() - t
        fits = len(s.cv_results_['params']) + 1
        best = {k.split('__')[-1]: (list(v) if isinstance(v, tuple) else v) for k, v in s.best_params_.items()}
        yield {'set': name, 'seed': seed, 'method': method, 'test': float(score), 'val': float(s.best_score_), 'wall': wall, 'trainings': fits, 'best': best}
    try:
        import optuna
    except ImportError:
        return
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    Xtr, ytr = X[:len(tr)], y[:len(tr)]; Xva, yva = X[len(tr):], y[len(tr):]
    def objective(trial):
        m, _ = est(reg, epochs, seed)
        m.set_params(**{p + 'hidden_layer_sizes': HIDDEN[trial.suggest_categorical('hidden', [0, 1, 2])],
                        p + 'learning_rate_init': trial.suggest_float('lr', 1e-4, 1e-1, log=True),
                        p + 'alpha': alpha(trial.suggest_float('l2', 1e-5, 1e-1, log=True), reg),
                        p + 'batch_size': trial.suggest_categorical('batch', BATCHES)})
        return m.fit(Xtr, ytr).score(Xva, yva)
    t = time.perf_counter()
    study = optuna.create_study(direction='maximize', sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(objective, n_trials=TRIALS)
    bp = study.best_params
    m, _ = est(reg, epochs, seed)
    m.set_params(**{p + 'hidden_layer_sizes': HIDDEN[bp['hidden']], p + 'learning_rate_init': bp['lr'], p + 'alpha': alpha(bp['l2'], reg), p + 'batch_size': bp['batch']})
    score = m.fit(X, y).score(Xte, yte); wall = time.perf_counter() - t
    yield {'set': name, 'seed': seed, 'method': 'optuna-tpe', 'test': float(score), 'val': float(study.best_value), 'wall': wall, 'trainings': TRIALS + 1,
           'best': {'hidden': list(HIDDEN[bp['hidden']]), 'lr': bp['lr'], 'l2': bp['l2'], 'batch': bp['batch']}}

def backprop(name, reg, epochs, seed, tr, va, te):
    paths = []
    for part, d in [('train', tr), ('validation', va), ('test', te)]:
        pth = f'{W}/split-{name}-{seed}-{part}.csv'; d.to_csv(pth, index=False); paths.append(pth)
    cfg = json.dumps({'files': paths, 'task': 'regression' if reg else 'classification', 'epochs': epochs, 'seed': seed, 'trials': TRIALS,
                      'grid': GRID, 'hidden': HIDDEN, 'batches': BATCHES})
    out = subprocess.run(['node', BP_DRIVER, cfg], capture_output=True, text=True, env=BP_ENV)
    if out.returncode != 0:
        yield {'set': name, 'seed': seed, 'method': 'bp', 'error': out.stderr.strip()[-400:]}; return
    for line in out.stdout.splitlines():
        r = json.loads(line); r.update({'set': name, 'seed': seed}); yield r

if __name__ == '__main__':
    only = next((a.split('=')[1].split(',') for a in sys.argv if a.startswith('--only=')), None)
    seeds = range(1, 1 + next((int(a.split('=')[1]) for a in sys.argv if a.startswith('--seeds=')), 3))
    part = next((a.split('=')[1] for a in sys.argv if a.startswith('--part=')), 'all')
    fs = frames()
    for name, reg, epochs in TASKS:
        if only and name not in only: continue
        for seed in seeds:
            tr, va, te = split(fs[name], reg, seed)
            runs = ([backprop] if part in ('bp', 'all') else []) + ([peers] if part in ('peers', 'all') else [])
            for run in runs:
                for r in run(name, reg, epochs, seed, tr, va, te):
                    print(json.dumps(r), flush=True)
