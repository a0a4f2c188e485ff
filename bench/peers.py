"""Peers in Python: the same workloads in NumPy and PyTorch CPU.

NumPy twice: in the course's layout (X n_x x m, one example per column, Z = W·A) and in the layout
frameworks use (X m x n_x, one example per row, Z = A·W^T), the fastest NumPy a user would write:
OpenBLAS takes the course layout's dZ·A^T at small batches many times slower than the forward product.

usage: python3 bench/peers.py numpy|numpy-rows|torch [threads] [--quick] [--start DIR]
Prints one JSON line per figure, like the TypeScript runners. With --start, W1 and W2 train from the
data and initial weights bench/run.ts wrote there (workloads.ts writeStarts), and each reports its cost
on the whole training set after the run, so that every system's work can be checked against ours.
"""
import gc
import json
import os
import sys
import time

QUICK = '--quick' in sys.argv
START = sys.argv[sys.argv.index('--start') + 1] if '--start' in sys.argv else None
args = [a for a in sys.argv[1:] if not a.startswith('--') and a != START]
SYSTEM = args[0] if args else 'numpy'
THREADS = int(args[1]) if len(args) > 1 else 1
# one thread count for every pool (BLAS, OpenMP), so PyTorch's and OpenBLAS's threads do not oversubscribe
for var in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ[var] = str(THREADS)

import numpy as np  # noqa: E402 (after the thread settings)

W1 = dict(sizes=[784, 128, 64, 10], examples=3_000 if QUICK else 10_000, warmup=500 if QUICK else 1_000, reps=1 if QUICK else 3, batch=64, lr=0.01)
W2 = dict(sizes=[12288, 20, 7, 5, 1], examples=209, iterations=6 if QUICK else 100, warmup=1 if QUICK else 2, lr=0.0075)
W3 = [(1024, 1024, 1024), (128, 784, 64), (64, 128, 64), (10, 64, 64)]


def report(system, workload, figure, unit, loss=None):
    f = {'system': system, 'workload': workload, 'figure': float('%.4g' % figure), 'unit': unit}
    if loss is not None:
        f['loss'] = float(loss)
    print(json.dumps(f), flush=True)


def start(name, rng, classes, seed):
    """X (n_x x m), labels and [(W, b)] of W1 or W2: bench/run.ts's start when given, else our own draw."""
    w = W1 if name == 'W1' else W2
    if START is None:
        X, labels = data(w['sizes'][0], w['examples'], classes, seed)
        return X, labels, init(w['sizes'], rng)
    meta = json.load(open(os.path.join(START, 'start.json')))[name]
    sizes, m = meta['sizes'], meta['examples']
    load = lambda part: np.fromfile(os.path.join(START, f'{name}-{part}.f32'), dtype='<f4')
    X = load('X').reshape(sizes[0], m)
    labels = load('labels').astype(np.int64)
    params = [(load(f'W{l}').reshape(sizes[l], sizes[l - 1]).copy(), load(f'b{l}').reshape(sizes[l], 1).copy()) for l in range(1, len(sizes))]
    return X, labels, params


def forward(params, X, out, cache=None, rows=False):
    """A[L] of the course's layout (X n_x x m; Z = W·A + b), or with rows one example per row
    (X m x n_x; Z = A·W^T + b^T); (A[l-1], Z[l]) of each layer appended to `cache` when given."""
    A, axis = X, 1 if rows else 0
    for l, (W, b) in enumerate(params):
        Z = A @ W.T + b.T if rows else W @ A + b
        if cache is not None:
            cache.append((A, Z))
        if l < len(params) - 1:
            A = np.maximum(Z, 0)
        elif out == 'softmax':
            E = np.exp(Z - Z.max(axis=axis, keepdims=True))
            A = E / E.sum(axis=axis, keepdims=True)
        else:
            A = 1 / (1 + np.exp(-Z))
    return A


def cost(params, X, Y, out):
    """The cost on the whole set (course layout): cross-entropy, categorical or binary, in float64."""
    A = forward(params, X, out).astype(np.float64)
    if out == 'softmax':
        return float(-(Y * np.log(np.maximum(A, 1e-300))).sum() / X.shape[1])
    return float(-(Y * np.log(A) + (1 - Y) * np.log(1 - A)).sum() / X.shape[1])


def data(nx, m, classes, seed):
    rng = np.random.default_rng(seed)
    return rng.random((nx, m), dtype=np.float32), rng.integers(0, classes, m)


def median_seconds(reps, fn, reset=lambda: None):
    """The median of reps timings of fn, reset (not timed) before each: W1's epoch, as workloads.ts times it."""
    times = []
    for _ in range(reps):
        reset()
        gc.collect()  # as workloads.ts's collectGarbage: a full collection before each timed run, not timed
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def restorer(params):
    """A function that puts params (a list of (W, b), updated in place) back to their values now."""
    saved = [(W.copy(), b.copy()) for W, b in params]

    def restore():
        for (W, b), (W0, b0) in zip(params, saved):
            W[...] = W0
            b[...] = b0
    return restore


def time_it(fn, seconds):
    fn()
    reps, t0 = 0, time.perf_counter()
    while True:
        fn()
        reps += 1
        t = time.perf_counter()
        if t - t0 >= seconds:
            return (t - t0) / reps


def init(sizes, rng):
    return [(rng.standard_normal((sizes[l], sizes[l - 1]), dtype=np.float32) * np.float32(np.sqrt(2 / sizes[l - 1])),
             np.zeros((sizes[l], 1), np.float32)) for l in range(1, len(sizes))]


def numpy_step(params, X, Y, lr, out):
    """One step of the course's vectorized GD: X n_x x m, Y n_out x m (one-hot or 0/1)."""
    m = X.shape[1]
    cache = []
    A = forward(params, X, out, cache)
    dZ = A - Y  # softmax + CCE and sigmoid + BCE
    for l in range(len(params) - 1, -1, -1):
        W, b = params[l]
        Aprev, _ = cache[l]
        dW = (dZ @ Aprev.T) / m
        db = dZ.sum(axis=1, keepdims=True) / m
        if l > 0:
            dZ = (W.T @ dZ) * (cache[l - 1][1] > 0)
        W -= lr * dW
        b -= lr * db


def rows_step(params, X, Y, lr, out):
    """The same step with one example per row: X m x n_x, Y m x n_out, W n_out x n_in as in the course."""
    m = X.shape[0]
    cache = []
    A = forward(params, X, out, cache, rows=True)
    dZ = A - Y
    for l in range(len(params) - 1, -1, -1):
        W, b = params[l]
        Aprev, _ = cache[l]
        dW = (dZ.T @ Aprev) / m
        db = dZ.sum(axis=0, keepdims=True).T / m
        if l > 0:
            dZ = (dZ @ W) * (cache[l - 1][1] > 0)
        W -= lr * dW
        b -= lr * db


def run_numpy(rows=False):
    """W1, W2 and W3 in NumPy: the course's layout, or one example per row (rows=True)."""
    if rows:
        return run_numpy_rows()
    system = f'NumPy {np.__version__} {THREADS} thread' + ('s' if THREADS > 1 else '')
    rng = np.random.default_rng(0)
    X, labels, params = start('W1', rng, 10, 1)
    Y = np.eye(10, dtype=np.float32)[:, labels]

    def epoch(count):
        for s in range(0, count, W1['batch']):
            numpy_step(params, X[:, s:min(s + W1['batch'], count)], Y[:, s:min(s + W1['batch'], count)], np.float32(W1['lr']), 'softmax')
    epoch(W1['warmup'])
    seconds = median_seconds(W1['reps'], lambda: epoch(W1['examples']), restorer(params))
    report(system, 'W1', W1['examples'] / seconds, 'samples/s', cost(params, X, Y, 'softmax'))

    X, labels, params = start('W2', rng, 2, 2)
    Y = labels.reshape(1, -1).astype(np.float32)
    for _ in range(W2['warmup']):
        numpy_step(params, X, Y, np.float32(W2['lr']), 'sigmoid')
    gc.collect()
    t0 = time.perf_counter()
    for _ in range(W2['iterations']):
        numpy_step(params, X, Y, np.float32(W2['lr']), 'sigmoid')
    seconds = time.perf_counter() - t0
    report(system, 'W2', W2['iterations'] / seconds, 'iter/s', cost(params, X, Y, 'sigmoid'))

    numpy_products(system, rng)


def numpy_products(system, rng):
    for m, k, n in W3:
        a = rng.standard_normal((m, k), dtype=np.float32)
        b = rng.standard_normal((k, n), dtype=np.float32)
        s = time_it(lambda: a @ b, 0.25 if QUICK else 2)
        report(system, f'W3:{m}x{k}x{n}', 2 * m * k * n / s / 1e9, 'GFLOP/s')


def run_numpy_rows():
    system = f'NumPy {np.__version__} rows {THREADS} thread' + ('s' if THREADS > 1 else '')
    rng = np.random.default_rng(0)
    X, labels, params = start('W1', rng, 10, 1)
    X = np.ascontiguousarray(X.T)
    Y = np.eye(10, dtype=np.float32)[labels]

    def epoch(count):
        for s in range(0, count, W1['batch']):
            rows_step(params, X[s:min(s + W1['batch'], count)], Y[s:min(s + W1['batch'], count)], np.float32(W1['lr']), 'softmax')
    epoch(W1['warmup'])
    seconds = median_seconds(W1['reps'], lambda: epoch(W1['examples']), restorer(params))
    report(system, 'W1', W1['examples'] / seconds, 'samples/s', cost(params, X.T, Y.T, 'softmax'))

    X, labels, params = start('W2', rng, 2, 2)
    X = np.ascontiguousarray(X.T)
    Y = labels.reshape(-1, 1).astype(np.float32)
    for _ in range(W2['warmup']):
        rows_step(params, X, Y, np.float32(W2['lr']), 'sigmoid')
    gc.collect()
    t0 = time.perf_counter()
    for _ in range(W2['iterations']):
        rows_step(params, X, Y, np.float32(W2['lr']), 'sigmoid')
    seconds = time.perf_counter() - t0
    report(system, 'W2', W2['iterations'] / seconds, 'iter/s', cost(params, X.T, Y.T, 'sigmoid'))


def run_torch():
    import torch
    torch.set_num_threads(THREADS)
    system = f'PyTorch CPU {torch.get_num_threads()} thread' + ('s' if THREADS > 1 else '')
    torch.manual_seed(0)

    def mlp(params):
        """nn.Linear layers holding the start's W (n[l] x n[l-1], as Linear's weight) and b."""
        layers = []
        for l, (W, b) in enumerate(params):
            linear = torch.nn.Linear(W.shape[1], W.shape[0])
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(W))
                linear.bias.copy_(torch.from_numpy(b.ravel()))
            layers.append(linear)
            if l < len(params) - 1:
                layers.append(torch.nn.ReLU())
        return torch.nn.Sequential(*layers)

    rng = np.random.default_rng(0)
    X, labels, params = start('W1', rng, 10, 1)
    x = torch.from_numpy(np.ascontiguousarray(X.T))
    y = torch.from_numpy(labels)
    net = mlp(params)
    opt = torch.optim.SGD(net.parameters(), lr=W1['lr'])
    loss_fn = torch.nn.CrossEntropyLoss()

    def epoch(count):
        for s in range(0, count, W1['batch']):
            opt.zero_grad()
            loss = loss_fn(net(x[s:min(s + W1['batch'], count)]), y[s:min(s + W1['batch'], count)])
            loss.backward()
            opt.step()
            loss.item()
    epoch(W1['warmup'])
    warm = {k: v.clone() for k, v in net.state_dict().items()}
    seconds = median_seconds(W1['reps'], lambda: epoch(W1['examples']), lambda: net.load_state_dict(warm))
    with torch.no_grad():
        report(system, 'W1', W1['examples'] / seconds, 'samples/s', loss_fn(net(x), y).item())

    X, labels, params = start('W2', rng, 2, 2)
    x = torch.from_numpy(np.ascontiguousarray(X.T))
    y = torch.from_numpy(labels.astype(np.float32)).reshape(-1, 1)
    net = mlp(params)
    opt = torch.optim.SGD(net.parameters(), lr=W2['lr'])
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def step():
        opt.zero_grad()
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        loss.item()
    for _ in range(W2['warmup']):
        step()
    gc.collect()
    t0 = time.perf_counter()
    for _ in range(W2['iterations']):
        step()
    seconds = time.perf_counter() - t0
    with torch.no_grad():
        report(system, 'W2', W2['iterations'] / seconds, 'iter/s', loss_fn(net(x), y).item())

    with torch.no_grad():
        for m, k, n in W3:
            a, b = torch.randn(m, k), torch.randn(k, n)
            s = time_it(lambda: torch.mm(a, b), 0.25 if QUICK else 2)
            report(system, f'W3:{m}x{k}x{n}', 2 * m * k * n / s / 1e9, 'GFLOP/s')


if __name__ == '__main__':
    run_torch() if SYSTEM == 'torch' else run_numpy(rows=SYSTEM == 'numpy-rows')
