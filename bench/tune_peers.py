"""The tuner's peers (issue 11): Optuna 3.1 driving scikit-learn's MLPClassifier, and GridSearchCV,
on the same digits split and folds as bench/tune.ts (which writes them to DIR).

usage: python3 bench/tune_peers.py DIR speed|grid
  speed: 30 TPE trials of 20 Adam epochs over layers {16, 32, 64, 32-16, 64-32}, lr log-uniform
         1e-4..1e-1, batch {16, 32, 64, 128}, standardized inputs; seeds 0-2; then the same with
         Optuna's SuccessiveHalvingPruner (one partial_fit per epoch, reported to the trial).
  grid:  GridSearchCV (2 jobs) over layers {16, 32, 64} x lr {1e-3, 1e-2} x batch {16, 32, 64, 128}, 20 epochs,
         on our 3 folds of train + validation; the chosen point refit there and scored once on test.
Prints one JSON line per figure. Debian: apt-get install python3-sklearn python3-optuna (Optuna 3.1.0,
scikit-learn 1.2.1 in bookworm).
"""
import json
import os
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings('ignore')  # MLPClassifier's ConvergenceWarning at max_iter=20, as the study runs it
os.environ.setdefault('OMP_NUM_THREADS', '1')

from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.model_selection import GridSearchCV  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

warnings.filterwarnings('ignore', category=ConvergenceWarning)
DIR, WHAT = sys.argv[1], sys.argv[2]
LAYERS = {'16': (16,), '32': (32,), '64': (64,), '32-16': (32, 16), '64-32': (64, 32)}


def load(name):
    """X (m x n_x, one example per row, as scikit-learn takes it) and labels of train, validation or test."""
    meta = json.load(open(os.path.join(DIR, 'digits.json')))
    X = np.fromfile(os.path.join(DIR, f'{name}-X.f32'), dtype='<f4').reshape(meta['features'], meta[name]).T
    y = np.fromfile(os.path.join(DIR, f'{name}-labels.f32'), dtype='<f4').astype(np.int64)
    return np.ascontiguousarray(X, dtype=np.float64), y


def speed(pruned):
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    (Xt, yt), (Xv, yv) = load('train'), load('validation')
    scaler = StandardScaler().fit(Xt)
    Xt, Xv = scaler.transform(Xt), scaler.transform(Xv)
    classes = np.unique(yt)

    def objective(trial):
        layers = trial.suggest_categorical('layers', list(LAYERS))
        lr = trial.suggest_float('lr', 1e-4, 1e-1, log=True)
        batch = trial.suggest_categorical('batch_size', [16, 32, 64, 128])
        clf = MLPClassifier(hidden_layer_sizes=LAYERS[layers], solver='adam', learning_rate_init=lr, batch_size=batch,
                            max_iter=20, random_state=trial.number)
        if not pruned:
            return clf.fit(Xt, yt).score(Xv, yv)
        for epoch in range(20):
            clf.partial_fit(Xt, yt, classes=classes)
            score = clf.score(Xv, yv)
            trial.report(score, epoch)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return score

    for seed in range(3):
        pruner = optuna.pruners.SuccessiveHalvingPruner() if pruned else optuna.pruners.NopPruner()
        study = optuna.create_study(direction='maximize', sampler=optuna.samplers.TPESampler(seed=seed), pruner=pruner)
        t0 = time.perf_counter()
        study.optimize(objective, n_trials=30)
        seconds = time.perf_counter() - t0
        print(json.dumps({'system': f'Optuna {optuna.__version__} + scikit-learn MLP', 'pruner': 'successive halving' if pruned else 'none',
                          'seed': seed, 'seconds': round(seconds, 2), 'best_validation_accuracy': study.best_value}), flush=True)


def grid():
    (Xt, yt), (Xv, yv), (Xs, ys) = load('train'), load('validation'), load('test')
    X, y = np.concatenate([Xt, Xv]), np.concatenate([yt, yv])
    folds = json.load(open(os.path.join(DIR, 'folds.json')))  # our validation indices of each fold, over train + validation
    cv = [(np.setdiff1d(np.arange(len(y)), val), np.array(val)) for val in folds]
    pipe = make_pipeline(StandardScaler(), MLPClassifier(solver='adam', max_iter=20, random_state=0))
    space = {'mlpclassifier__hidden_layer_sizes': [(16,), (32,), (64,)], 'mlpclassifier__learning_rate_init': [1e-3, 1e-2],
             'mlpclassifier__batch_size': [16, 32, 64, 128]}
    t0 = time.perf_counter()
    search = GridSearchCV(pipe, space, cv=cv, scoring='accuracy', n_jobs=2).fit(X, y)  # both cores, as tune's 2 workers
    seconds = time.perf_counter() - t0
    best = {k.split('__')[1]: v for k, v in search.best_params_.items()}
    print(json.dumps({'system': 'scikit-learn GridSearchCV', 'seconds': round(seconds, 2), 'best_params': str(best),
                      'cv_accuracy': search.best_score_, 'test_accuracy': search.score(Xs, ys)}), flush=True)


if __name__ == '__main__':
    if WHAT == 'speed':
        speed(False)
        speed(True)
    else:
        grid()
