#!/usr/bin/env python3
"""backprop's CLI against scikit-learn's MLP and PyTorch at the same settings on nine real tabular sets (peers33).

Usage: python3 bench/compare_tabular.py [--only=iris,boston,...] [--seeds=5] > results.jsonl
       (the data: scikit-learn's bundled sets, and ../shared/data beside the repository)

Every set is written to a temporary folder with pandas' to_csv, as a user would; for each seed s the split is
scikit-learn's train_test_split(test_size=0.2, random_state=s, stratified for classes; optdigits keeps its own
tra/tes files), and all three tools train 100 ReLU units with Adam (lr 0.001, batch 32), scikit-learn's L2
alpha 1e-4 (backprop --l2 1e-4, 2e-4 for a regression: scikit-learn's squared loss has a 1/2; PyTorch adds
alpha/(2 m_batch) ||W||^2 to its loss), inputs standardized (text one-hot, empty cells the training mean), a
regression target standardized too (TransformedTargetRegressor; backprop's --standardize does it), each tool's
own initialisation; every epoch runs (scikit-learn tol=0). One JSON line per run: the test metric and the wall
seconds (backprop's include node's start and reading the file; the others' fit and predict).
"""
import json, os, subprocess, sys, tempfile, time, warnings
import numpy as np, pandas as pd, torch
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.impute import SimpleImputer
from sklearn.metrics import balanced_accuracy_score, r2_score, accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
warnings.filterwarnings('ignore')
torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
BP = ['node', os.path.join(HERE, '..', 'bin', 'backprop.js')]
DATA = os.path.join(HERE, '..', '..', 'shared', 'data')
T = tempfile.mkdtemp(prefix='bp-tabular-')
ALPHA = 1e-4
# name, file(s), target, regression, epochs
TASKS = [
  ('breast_cancer', 'breast_cancer-noindex.csv', 'target', False, 100),
  ('wine', 'wine-noindex.csv', 'target', False, 100),
  ('iris', 'iris-noindex.csv', 'target', False, 100),
  ('digits', 'digits-noindex.csv', 'target', False, 50),
  ('optdigits', ('optdigits_tra.csv', 'optdigits_tes.csv'), '64', False, 30),
  ('ilpd', 'ilpd.csv', '10', False, 100),
  ('diabetes', 'diabetes-noindex.csv', 'target', True, 100),
  ('boston', 'boston.csv', 'MEDV', True, 100),
  ('california', 'california.csv', 'median_house_value', True, 20),
]
ONLY = next((a.split('=')[1].split(',') for a in sys.argv if a.startswith('--only=')), None)
SEEDS = range(1, 1 + next((int(a.split('=')[1]) for a in sys.argv if a.startswith('--seeds=')), 5))
BATCH, LR, H = 32, 1e-3, 100

def split(task, seed):
    name, f, target, reg, _ = task
    if isinstance(f, tuple):
        return pd.read_csv(f'{T}/{f[0]}'), pd.read_csv(f'{T}/{f[1]}')
    df = pd.read_csv(f'{T}/{f}')
    tr, te = train_test_split(df, test_size=0.2, random_state=seed, stratify=None if reg else df[target])
    return tr, te

def xy(df, target, reg):
    X = df.drop(columns=[target]); y = df[target].to_numpy()
    return X, (y.astype(float) if reg else y)

def pre(X):
    text = [c for c in X.columns if X[c].dtype == object]
    num = [c for c in X.columns if c not in text]
    return ColumnTransformer([('num', make_pipeline(SimpleImputer(), StandardScaler()), num)] +
                             ([('txt', make_pipeline(SimpleImputer(strategy='most_frequent'), OneHotEncoder(handle_unknown='ignore'), StandardScaler(with_mean=False)), text)] if text else []))

def metrics(yte, p, reg):
    if reg: return {'r2': float(r2_score(yte, p)), 'rmse': float(np.sqrt(np.mean((p - yte) ** 2)))}
    return {'acc': float(accuracy_score(yte, p)), 'bacc': float(balanced_accuracy_score(yte, p))}

def run_bp(task, seed, tr, te, extra=()):
    name, f, target, reg, epochs = task
    trp, tep = f'{T}/split-{name}-{seed}-train.csv', f'{T}/split-{name}-{seed}-test.csv'
    tr.to_csv(trp, index=False); te.to_csv(tep, index=False)
    flags = ['train', '--json', '--data', trp, '--test', tep, '--target', target, '--seed', str(seed), '--standardize',
             '--layers', str(H), '--optimizer', 'adam', '--lr', str(LR), '--batch-size', str(BATCH), '--epochs', str(epochs),
             '--l2', str(2 * ALPHA if reg else ALPHA), '--one-hot', 'auto', '--missing', 'mean', *extra]
    t = time.perf_counter(); out = subprocess.run(BP + flags, capture_output=True, text=True); wall = time.perf_counter() - t
    if out.returncode != 0: return {'error': out.stderr.strip().splitlines()[-1]}, wall
    d = json.loads(out.stdout)['test']
    return ({'r2': d['r2'], 'rmse': d['rmse']} if reg else {'acc': d['accuracy'], 'bacc': d['balancedAccuracy']}), wall

def run_sk(task, seed, tr, te):
    name, f, target, reg, epochs = task
    Xtr, ytr = xy(tr, target, reg); Xte, yte = xy(te, target, reg)
    cls = MLPRegressor if reg else MLPClassifier
    mlp = cls(hidden_layer_sizes=(H,), solver='adam', learning_rate_init=LR, batch_size=BATCH, max_iter=epochs, alpha=ALPHA,
              tol=0.0, n_iter_no_change=epochs + 1, random_state=seed)
    est = make_pipeline(pre(Xtr), mlp)
    if reg: est = TransformedTargetRegressor(regressor=est, transformer=StandardScaler())
    t = time.perf_counter(); est.fit(Xtr, ytr); p = est.predict(Xte); wall = time.perf_counter() - t
    return metrics(yte, p, reg), wall

def run_torch(task, seed, tr, te):
    name, f, target, reg, epochs = task
    Xtr, ytr = xy(tr, target, reg); Xte, yte = xy(te, target, reg)
    t = time.perf_counter()
    p = pre(Xtr); A = np.asarray(p.fit_transform(Xtr), dtype=np.float32); B = np.asarray(p.transform(Xte), dtype=np.float32)
    torch.manual_seed(seed); g = torch.Generator().manual_seed(seed)
    if reg:
        mu, sd = ytr.mean(), ytr.std(); Y = torch.tensor((ytr - mu) / sd, dtype=torch.float32)[:, None]; k = 1
    else:
        classes = np.unique(ytr); Y = torch.tensor(np.searchsorted(classes, ytr)); k = len(classes)
    net = torch.nn.Sequential(torch.nn.Linear(A.shape[1], H), torch.nn.ReLU(), torch.nn.Linear(H, k))
    opt = torch.optim.Adam(net.parameters(), lr=LR)
    X = torch.tensor(A); n = len(X)
    lossf = torch.nn.MSELoss() if reg else torch.nn.CrossEntropyLoss()
    for e in range(epochs):
        perm = torch.randperm(n, generator=g)
        for i in range(0, n, BATCH):
            idx = perm[i:i + BATCH]
            out = net(X[idx])
            # sklearn's penalty: alpha/(2 m_batch) ||W||^2 (x2 for MSE without sklearn's 1/2)
            pen = (2 * ALPHA if reg else ALPHA) / (2 * len(idx)) * (net[0].weight.pow(2).sum() + net[2].weight.pow(2).sum())
            loss = lossf(out, Y[idx]) + pen
            opt.zero_grad(); loss.backward(); opt.step()
    with torch.no_grad():
        o = net(torch.tensor(B))
    pred = (o[:, 0].numpy() * sd + mu) if reg else classes[o.argmax(1).numpy()]
    wall = time.perf_counter() - t
    return metrics(yte, pred, reg), wall

def write_sets():
    from sklearn import datasets as ds
    for name, loader in [('breast_cancer', ds.load_breast_cancer), ('wine', ds.load_wine), ('iris', ds.load_iris), ('digits', ds.load_digits), ('diabetes', ds.load_diabetes)]:
        loader(as_frame=True).frame.to_csv(f'{T}/{name}-noindex.csv', index=False)
    pd.read_csv(os.path.join(DATA, 'ilpd.csv'), header=None).to_csv(f'{T}/ilpd.csv', index=False)
    pd.read_csv(os.path.join(DATA, 'boston_housing.csv')).to_csv(f'{T}/boston.csv', index=False)
    pd.read_csv(os.path.join(DATA, 'california_housing.csv')).to_csv(f'{T}/california.csv', index=False)
    for part in ('tra', 'tes'):
        pd.read_csv(os.path.join(DATA, 'optdigits.' + part), header=None).to_csv(f'{T}/optdigits_{part}.csv', index=False)


def main():
    write_sets()
    for task in TASKS:
        if ONLY and task[0] not in ONLY: continue
        for seed in SEEDS:
            tr, te = split(task, seed)
            runs = [('backprop', lambda: run_bp(task, seed, tr, te)), ('sklearn', lambda: run_sk(task, seed, tr, te)), ('torch', lambda: run_torch(task, seed, tr, te))]
            if task[3]: runs.append(('backprop xavier', lambda: run_bp(task, seed, tr, te, ('--init', 'xavier'))))
            for sysname, fn in runs:
                m, wall = fn()
                rec = {'task': task[0], 'seed': seed, 'system': sysname, 'wall': wall, **m}
                print(json.dumps(rec), flush=True)

if __name__ == "__main__":
    main()
