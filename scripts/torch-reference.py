#!/usr/bin/env python3
"""Reference training runs in PyTorch, for test/results/torch-reference.test.ts.

Writes test/fixtures/torch/data.json (small slices of three real data sets, as in the CSV files)
and one fixture per case, test/fixtures/torch/<case>.json: the network, the fit options, the
initial weights, the cost J of every step (before its update) and of every epoch, and the weights
after training. The test trains backprop from the same weights with the same options in float64
(and in float32, more loosely) and compares. Run it after changing a formula on purpose (the tests
do not need torch; the fixtures are committed):

    python3 scripts/torch-reference.py [--data ../shared/data] [--out test/fixtures/torch]

Everything here is float64. Each case is trained twice from the same start:

- with torch's built-in optimizer where its update is the library's (gradient descent:
  torch.optim.SGD; RMSprop: torch.optim.RMSprop, whose eps is outside the square root as in the
  library; Adam: torch.optim.Adam, bias-corrected as in the library), with the learning-rate decay
  by torch's schedulers (ExponentialLR, StepLR, LambdaLR for 1/t decay);
- with the library's documented formula written out below (`formula_step`) on the gradients that
  torch autograd gives.

Momentum is the one convention that differs: the course's (and backprop's) momentum is
    v := beta v + (1 - beta) dW,  W := W - alpha v
while torch.optim.SGD(momentum=beta) keeps v' := beta v' + dW, W := W - lr v' (and its
`dampening` is skipped on the first step). From v = 0 the two are the same run with
v = (1 - beta) v' and lr = (1 - beta) alpha, so for momentum the reference is the formula and
torch.optim.SGD(momentum=beta, lr=(1 - beta) alpha) is the cross-check.

The reference run is written to the fixture; the largest relative difference between the two runs'
final weights is written beside it ("crossCheck"), and the script fails if it exceeds 1e-10.

The cost is the library's: J = (1/m) sum of the loss over the m examples of the batch, plus the
penalty (l2 / 2m) sum ||W[l]||^2 + (l1 / m) sum |W[l]| with m the size of that batch (biases are not
regularized); autograd of that J is the library's dW, db. Mini-batches are taken in order
(fit's shuffle: false), the last one smaller than the rest, or shuffled every epoch as fit does by
default. backprop's generator (src/tensor/random.ts) is numpy's legacy MT19937 with numpy's seeding
and doubles, so np.random.RandomState(seed).random_sample() draws what the library draws: the shuffle
is its Fisher-Yates (j = floor(u (i + 1)) for i = m - 1 down to 1, on the order the previous epoch
left), from fit's seed or else from the network's generator (NetworkOptions.seed); the dropout masks
come from the network's generator, layer by layer, each n[l] x m mask row by row, D = 1/keep where
u < keep, else 0, A[l] = g(Z[l]) * D (inverted dropout). Inputs are standardized per feature with
the population standard deviation (a constant feature divided by 1), as backprop's fitStandardize does;
the regression target (Boston MEDV) likewise.
"""

import argparse
import csv
import gzip
import json
import math
import os
import sys
import zlib

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CROSS_CHECK_LIMIT = 1e-10

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


# ---------------------------------------------------------------------------------------------
# Data: small slices of the real sets, kept as the CSV text gives them (numbers only).

def load_data(folder):
    # ILPD: the first 64 rows with all 10 features present; Gender as Male = 1, Female = 0;
    # label 1 = liver patient (Selector 1), 0 = not (Selector 2)
    ilpd_x, ilpd_y = [], []
    with open(os.path.join(folder, 'ilpd.csv'), newline='') as f:
        for row in csv.reader(f):
            if '' in row:
                continue
            feats = [float(row[0]), 1.0 if row[1] == 'Male' else 0.0] + [float(v) for v in row[2:10]]
            ilpd_x.append(feats)
            ilpd_y.append(1 if row[10] == '1' else 0)
            if len(ilpd_x) == 64:
                break
    # digits (scikit-learn's 8x8): the first 60 rows, 64 pixel counts 0..16, class 0..9
    dig_x, dig_y = [], []
    with gzip.open(os.path.join(folder, 'digits.csv.gz'), 'rt') as f:
        for row in csv.reader(f):
            dig_x.append([float(v) for v in row[:64]])
            dig_y.append(int(row[64]))
            if len(dig_x) == 60:
                break
    # Boston housing: every 8th row from the first (rows 1, 9, 17, ...), 64 of them, 13 features; MEDV the target
    bos_x, bos_y = [], []
    with open(os.path.join(folder, 'boston_housing.csv'), newline='') as f:
        rows = list(csv.reader(f))[1:]
    for row in rows[::8][:64]:
        bos_x.append([float(v) for v in row[:13]])
        bos_y.append(float(row[13]))
    return {
        'ilpd': {'source': 'ilpd.csv: the first 64 rows without a missing value; Gender Male = 1, Female = 0; y = 1 for Selector 1',
                 'X': ilpd_x, 'y': ilpd_y, 'task': 'binary'},
        'digits': {'source': 'digits.csv.gz: the first 60 rows; y the digit 0..9',
                   'X': dig_x, 'y': dig_y, 'task': 'classes', 'classes': 10},
        'boston': {'source': 'boston_housing.csv: rows 1, 9, 17, ... (every 8th), 64 rows; y = MEDV',
                   'X': bos_x, 'y': bos_y, 'task': 'regression'},
    }


def standardize(rows):
    """Features as rows (n x m): (x - mean) / population std, std 0 read as 1 (fitStandardize)."""
    A = np.array(rows, dtype=np.float64).T  # n x m, one example per column
    mean = A.mean(axis=1, keepdims=True)
    sd = np.sqrt(((A - mean) ** 2).mean(axis=1, keepdims=True))
    sd[~(sd > 0)] = 1.0
    return (A - mean) * (1.0 / sd)


def tensors(ds, output_units):
    X = torch.tensor(standardize(ds['X']))
    if ds['task'] == 'regression':
        Y = torch.tensor(standardize([[v] for v in ds['y']]))
    elif ds['task'] == 'classes' or output_units > 1:  # class indices to one-hot columns, as prepareTargets
        Y = torch.zeros(output_units, len(ds['y']))
        for j, c in enumerate(ds['y']):
            Y[c, j] = 1.0
    else:
        Y = torch.tensor([ds['y']], dtype=torch.float64)
    return X, Y


# ---------------------------------------------------------------------------------------------
# The network in the course's layout: Z[l] = W[l] A[l-1] + b[l], A[l] = g[l](Z[l]), one example per column.

def activation(spec):
    name = spec if isinstance(spec, str) else spec['name']
    alpha = None if isinstance(spec, str) else spec.get('alpha')
    if name == 'sigmoid':
        return torch.sigmoid
    if name == 'tanh':
        return torch.tanh
    if name == 'relu':
        return torch.relu
    if name == 'leakyRelu':
        return lambda z: F.leaky_relu(z, 0.01 if alpha is None else alpha)
    if name == 'elu':
        return lambda z: F.elu(z, 1.0 if alpha is None else alpha)
    if name == 'selu':
        return F.selu  # torch's constants are the paper's, as backprop's SELU_ALPHA, SELU_SCALE
    if name == 'softmax':
        return lambda z: torch.softmax(z, dim=0)
    if name == 'linear':
        return lambda z: z
    raise ValueError(name)


def act_name(spec):
    return spec if isinstance(spec, str) else spec['name']


def cost(params, layers, loss, l1, l2, X, Y, masks, class_weights=None):
    m = X.shape[1]
    A = X
    Z = None
    for l, spec in enumerate(layers):
        W, b = params[2 * l], params[2 * l + 1]
        Z = W @ A + b
        A = activation(spec['activation'])(Z)
        if masks[l] is not None:
            A = A * masks[l]  # inverted dropout: D already holds 1/keep
    out = act_name(layers[-1]['activation'])
    if class_weights is not None:
        # fit's classWeights with torch's own weighted losses: binary_cross_entropy_with_logits(weight=)
        # per example, cross_entropy(weight=) per class; 'sum' / m is the library's (and Keras') mean over the batch
        cw = torch.tensor(class_weights)
        if loss == 'binaryCrossEntropy' and out == 'sigmoid' and Y.shape[0] == 1:
            L = F.binary_cross_entropy_with_logits(Z, Y, weight=(1 - Y) * cw[0] + Y * cw[1], reduction='sum')
        elif loss == 'categoricalCrossEntropy' and out == 'softmax':
            L = F.cross_entropy(Z.T, Y.argmax(dim=0), weight=cw, reduction='sum')
        else:
            raise ValueError(f'classWeights with {loss} and {out}')
    elif loss == 'binaryCrossEntropy':
        if out == 'sigmoid':
            L = F.binary_cross_entropy_with_logits(Z, Y, reduction='sum')  # from the logits, as backprop
        else:
            L = -(Y * torch.log(A) + (1 - Y) * torch.log(1 - A)).sum()
    elif loss == 'categoricalCrossEntropy':
        L = -(Y * (torch.log_softmax(Z, dim=0) if out == 'softmax' else torch.log(A))).sum()
    elif loss == 'meanSquaredError':
        L = ((A - Y) ** 2).mean(dim=0).sum()  # mean over the outputs (as Keras' MSE), mean over examples: no 1/2
    else:
        raise ValueError(loss)
    J = L / m
    for l in range(len(layers)):
        W = params[2 * l]
        if l2:
            J = J + (l2 / (2 * m)) * (W * W).sum()
        if l1:
            J = J + (l1 / m) * W.abs().sum()
    return J


# ---------------------------------------------------------------------------------------------
# Updates. `formula_step` is backprop's documented update (src/optim/optimizers.ts); the
# torch optimizers are the peers.

def formula_step(kind, opts, params, grads, state, alpha):
    with torch.no_grad():
        if kind == 'gd':
            for p, g in zip(params, grads):
                p -= alpha * g  # W := W - alpha dW
        elif kind == 'momentum':
            beta = opts.get('beta1', 0.9)
            for i, (p, g) in enumerate(zip(params, grads)):
                v = state.setdefault(('v', i), torch.zeros_like(p))
                v.mul_(beta).add_((1 - beta) * g)  # v := beta v + (1 - beta) dW
                p -= alpha * v  # W := W - alpha v
        elif kind == 'rmsprop':
            beta, eps = opts.get('beta2', 0.9), opts.get('epsilon', 1e-8)
            for i, (p, g) in enumerate(zip(params, grads)):
                s = state.setdefault(('s', i), torch.zeros_like(p))
                s.mul_(beta).add_((1 - beta) * g * g)  # s := beta s + (1 - beta) dW^2
                p -= alpha * g / (torch.sqrt(s) + eps)  # W := W - alpha dW / (sqrt(s) + eps)
        elif kind == 'adam':
            b1, b2, eps = opts.get('beta1', 0.9), opts.get('beta2', 0.999), opts.get('epsilon', 1e-8)
            t = state['t'] = state.get('t', 0) + 1
            for i, (p, g) in enumerate(zip(params, grads)):
                v = state.setdefault(('v', i), torch.zeros_like(p))
                s = state.setdefault(('s', i), torch.zeros_like(p))
                v.mul_(b1).add_((1 - b1) * g)  # v := b1 v + (1 - b1) dW
                s.mul_(b2).add_((1 - b2) * g * g)  # s := b2 s + (1 - b2) dW^2
                vhat = v / (1 - b1 ** t)  # bias correction
                shat = s / (1 - b2 ** t)
                p -= alpha * vhat / (torch.sqrt(shat) + eps)
        else:
            raise ValueError(kind)


def torch_optimizer(kind, opts, params, alpha):
    if kind == 'gd':
        return torch.optim.SGD(params, lr=alpha)
    if kind == 'momentum':
        beta = opts.get('beta1', 0.9)
        return torch.optim.SGD(params, lr=(1 - beta) * alpha, momentum=beta)  # see the module's comment
    if kind == 'rmsprop':
        return torch.optim.RMSprop(params, lr=alpha, alpha=opts.get('beta2', 0.9), eps=opts.get('epsilon', 1e-8))
    if kind == 'adam':
        return torch.optim.Adam(params, lr=alpha, betas=(opts.get('beta1', 0.9), opts.get('beta2', 0.999)), eps=opts.get('epsilon', 1e-8))
    raise ValueError(kind)


def learning_rate(alpha0, schedule, epoch):
    """backprop's learningRateAt (src/optim/schedules.ts), epoch counted from 0."""
    if not schedule or schedule['type'] == 'constant':
        return alpha0
    if schedule['type'] == 'step':
        return alpha0 * schedule['dropRate'] ** (epoch // schedule['every'])
    if schedule['type'] == 'exponential':
        return alpha0 * schedule['rate'] ** epoch
    if schedule['type'] == 'inverseTime':
        return alpha0 / (1 + schedule['decayRate'] * (epoch // schedule.get('every', 1)))
    raise ValueError(schedule)


def torch_scheduler(optimizer, schedule):
    if not schedule or schedule['type'] == 'constant':
        return None
    if schedule['type'] == 'step':
        return torch.optim.lr_scheduler.StepLR(optimizer, step_size=schedule['every'], gamma=schedule['dropRate'])
    if schedule['type'] == 'exponential':
        return torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=schedule['rate'])
    if schedule['type'] == 'inverseTime':
        every = schedule.get('every', 1)
        return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda e: 1 / (1 + schedule['decayRate'] * (e // every)))
    raise ValueError(schedule)


def train(case, X, Y, init, use_torch):
    layers = case['network']['layers']
    net = case['network']
    fit = case['fit']
    kind = fit.get('optimizer', 'gd')
    opts = fit.get('optimizerOptions', {})
    alpha0 = fit['learningRate']
    params = []
    for layer in init:
        params.append(torch.tensor(layer['W'], requires_grad=True))
        params.append(torch.tensor([[v] for v in layer['b']], requires_grad=True))
    m = X.shape[1]
    size = fit.get('batchSize', m)
    shuffle = fit.get('shuffle', size < m)  # fit's default: shuffle mini-batches, not the full batch
    net_rng = np.random.RandomState(net.get('seed', 1))
    shuffle_rng = np.random.RandomState(fit['seed']) if 'seed' in fit else net_rng
    order = list(range(m))
    optimizer = torch_optimizer(kind, opts, params, alpha0) if use_torch else None
    scheduler = torch_scheduler(optimizer, fit.get('schedule')) if use_torch else None
    state = {}
    step_costs, epoch_costs = [], []
    for epoch in range(fit['epochs']):
        alpha = learning_rate(alpha0, fit.get('schedule'), epoch)
        total = 0.0
        if shuffle:
            for i in range(m - 1, 0, -1):  # backprop's Random.shuffle
                j = math.floor(shuffle_rng.random_sample() * (i + 1))
                order[i], order[j] = order[j], order[i]
        for start in range(0, m, size):
            idx = order[start:start + size]
            Xb, Yb = X[:, idx], Y[:, idx]
            masks = []
            for layer in layers:
                keep = layer.get('keepProb', 1)
                if keep < 1:
                    u = net_rng.random_sample((layer['units'], len(idx)))
                    masks.append(torch.tensor(np.where(u < keep, 1 / keep, 0.0)))
                else:
                    masks.append(None)
            J = cost(params, layers, net.get('loss'), net.get('l1', 0), net.get('l2', 0), Xb, Yb, masks, fit.get('classWeights'))
            grads = torch.autograd.grad(J, params)
            step_costs.append(J.item())
            total += J.item() * Xb.shape[1]
            if use_torch:
                for p, g in zip(params, grads):
                    p.grad = g
                optimizer.step()
            else:
                formula_step(kind, opts, params, grads, state, alpha)
        epoch_costs.append(total / m)
        if scheduler:
            scheduler.step()
    final = [{'W': params[2 * l].detach().tolist(), 'b': params[2 * l + 1].detach().flatten().tolist()} for l in range(len(layers))]
    return step_costs, epoch_costs, final


def initial_weights(case, n_in, seed):
    """Fixed start: He/Xavier-like scale, rounded to 4 decimals (short in the fixture, exact as read)."""
    rng = np.random.default_rng(seed)
    out, n_prev = [], n_in
    for layer in case['network']['layers']:
        n = layer['units']
        W = rng.standard_normal((n, n_prev)) * math.sqrt(1.0 / n_prev)
        b = rng.standard_normal(n) * 0.1
        out.append({'W': [[round(float(v), 4) for v in row] for row in W], 'b': [round(float(v), 4) for v in b]})
        n_prev = n
    return out


def max_rel_diff(a, b):
    fa = np.concatenate([np.ravel(np.array(l['W'])) for l in a] + [np.array(l['b']) for l in a])
    fb = np.concatenate([np.ravel(np.array(l['W'])) for l in b] + [np.array(l['b']) for l in b])
    return float(np.max(np.abs(fa - fb) / np.maximum(np.abs(fb), 1e-300)))


# ---------------------------------------------------------------------------------------------
# The cases: every optimizer, activation, loss, regularizer and schedule of the library.

def L(units, activation):
    return {'units': units, 'activation': activation}


CASES = [
    # binary classification, ILPD (10 features, 64 examples)
    ('ilpd-gd-sigmoid', 'ilpd', {'layers': [L(6, 'sigmoid'), L(1, 'sigmoid')]},
     {'epochs': 50, 'learningRate': 0.5, 'optimizer': 'gd'}),
    ('ilpd-gd-tanh-l2', 'ilpd', {'layers': [L(6, 'tanh'), L(4, 'tanh'), L(1, 'sigmoid')], 'l2': 0.7},
     {'epochs': 50, 'learningRate': 0.3, 'optimizer': 'gd'}),
    ('ilpd-gd-relu-l1-l2', 'ilpd', {'layers': [L(8, 'relu'), L(1, 'sigmoid')], 'l1': 0.05, 'l2': 0.3},
     {'epochs': 50, 'learningRate': 0.2, 'optimizer': 'gd'}),
    ('ilpd-momentum-relu', 'ilpd', {'layers': [L(8, 'relu'), L(4, 'relu'), L(1, 'sigmoid')]},
     {'epochs': 50, 'learningRate': 0.1, 'optimizer': 'momentum'}),
    ('ilpd-momentum-sgd-batch1', 'ilpd', {'layers': [L(5, 'tanh'), L(1, 'sigmoid')]},
     {'epochs': 1, 'learningRate': 0.05, 'optimizer': 'momentum', 'optimizerOptions': {'beta1': 0.8}, 'batchSize': 1}),
    ('ilpd-rmsprop-leakyrelu-minibatch', 'ilpd', {'layers': [L(8, 'leakyRelu'), L(1, 'sigmoid')]},
     {'epochs': 12, 'learningRate': 0.005, 'optimizer': 'rmsprop', 'batchSize': 20}),
    ('ilpd-adam-elu-l1-minibatch', 'ilpd', {'layers': [L(8, 'elu'), L(1, 'sigmoid')], 'l1': 0.05},
     {'epochs': 12, 'learningRate': 0.01, 'optimizer': 'adam', 'batchSize': 20}),
    ('ilpd-adam-selu-l2', 'ilpd', {'layers': [L(8, 'selu'), L(4, 'selu'), L(1, 'sigmoid')], 'l2': 0.5},
     {'epochs': 50, 'learningRate': 0.01, 'optimizer': 'adam', 'optimizerOptions': {'beta1': 0.8, 'beta2': 0.99, 'epsilon': 1e-7}}),
    ('ilpd-adam-exponential-decay-minibatch', 'ilpd', {'layers': [L(6, 'tanh'), L(1, 'sigmoid')]},
     {'epochs': 12, 'learningRate': 0.02, 'optimizer': 'adam', 'batchSize': 20, 'schedule': {'type': 'exponential', 'rate': 0.9}}),
    ('ilpd-two-sigmoid-outputs-cce', 'ilpd', {'layers': [L(6, 'tanh'), L(2, 'sigmoid')], 'loss': 'categoricalCrossEntropy'},
     {'epochs': 50, 'learningRate': 0.3, 'optimizer': 'gd'}),
    ('ilpd-sigmoid-output-mse', 'ilpd', {'layers': [L(6, 'tanh'), L(1, 'sigmoid')], 'loss': 'meanSquaredError'},
     {'epochs': 50, 'learningRate': 0.5, 'optimizer': 'gd'}),
    # ten classes, digits (64 features, 60 examples)
    ('digits-gd-tanh-softmax', 'digits', {'layers': [L(8, 'tanh'), L(10, 'softmax')]},
     {'epochs': 50, 'learningRate': 0.3, 'optimizer': 'gd'}),
    ('digits-gd-step-decay', 'digits', {'layers': [L(8, 'sigmoid'), L(10, 'softmax')]},
     {'epochs': 50, 'learningRate': 1.0, 'optimizer': 'gd', 'schedule': {'type': 'step', 'dropRate': 0.5, 'every': 10}}),
    ('digits-adam-relu-minibatch', 'digits', {'layers': [L(8, 'relu'), L(10, 'softmax')]},
     {'epochs': 12, 'learningRate': 0.01, 'optimizer': 'adam', 'batchSize': 16}),
    ('digits-momentum-leakyrelu-l2-minibatch', 'digits', {'layers': [L(8, {'name': 'leakyRelu', 'alpha': 0.2}), L(10, 'softmax')], 'l2': 0.4},
     {'epochs': 12, 'learningRate': 0.1, 'optimizer': 'momentum', 'optimizerOptions': {'beta1': 0.9}, 'batchSize': 16}),
    ('digits-rmsprop-elu-l1', 'digits', {'layers': [L(8, {'name': 'elu', 'alpha': 0.5}), L(10, 'softmax')], 'l1': 0.02},
     {'epochs': 50, 'learningRate': 0.003, 'optimizer': 'rmsprop', 'optimizerOptions': {'beta2': 0.99, 'epsilon': 1e-6}}),
    ('digits-sigmoid-outputs-bce', 'digits', {'layers': [L(8, 'relu'), L(10, 'sigmoid')]},
     {'epochs': 50, 'learningRate': 0.01, 'optimizer': 'adam'}),
    ('digits-softmax-output-mse', 'digits', {'layers': [L(8, 'tanh'), L(10, 'softmax')], 'loss': 'meanSquaredError'},
     {'epochs': 50, 'learningRate': 0.5, 'optimizer': 'gd'}),
    ('digits-softmax-output-bce', 'digits', {'layers': [L(8, 'tanh'), L(10, 'softmax')], 'loss': 'binaryCrossEntropy'},
     {'epochs': 50, 'learningRate': 0.3, 'optimizer': 'gd'}),
    # regression, Boston (13 features, 64 examples), MEDV standardized
    ('boston-gd-linear-regression', 'boston', {'layers': [L(1, 'linear')]},
     {'epochs': 50, 'learningRate': 0.05, 'optimizer': 'gd'}),
    ('boston-gd-tanh-mse', 'boston', {'layers': [L(8, 'tanh'), L(1, 'linear')]},
     {'epochs': 50, 'learningRate': 0.05, 'optimizer': 'gd'}),
    ('boston-momentum-relu-minibatch', 'boston', {'layers': [L(8, 'relu'), L(4, 'relu'), L(1, 'linear')]},
     {'epochs': 12, 'learningRate': 0.02, 'optimizer': 'momentum', 'batchSize': 20}),
    ('boston-momentum-inverse-time-decay', 'boston', {'layers': [L(8, 'sigmoid'), L(1, 'linear')]},
     {'epochs': 50, 'learningRate': 0.1, 'optimizer': 'momentum', 'schedule': {'type': 'inverseTime', 'decayRate': 0.1, 'every': 5}}),
    ('boston-rmsprop-selu-l2', 'boston', {'layers': [L(8, 'selu'), L(1, 'linear')], 'l2': 0.5},
     {'epochs': 50, 'learningRate': 0.003, 'optimizer': 'rmsprop'}),
    ('boston-adam-sigmoid-l1-minibatch', 'boston', {'layers': [L(8, 'sigmoid'), L(1, 'linear')], 'l1': 0.1},
     {'epochs': 12, 'learningRate': 0.02, 'optimizer': 'adam', 'batchSize': 20}),
    ('boston-tanh-output-mse', 'boston', {'layers': [L(6, 'relu'), L(1, 'tanh')]},
     {'epochs': 50, 'learningRate': 0.1, 'optimizer': 'gd'}),
    # class weights (Keras' class_weight; torch's weighted losses), layer by layer in every backend
    ('ilpd-adam-class-weights-minibatch', 'ilpd', {'layers': [L(8, 'relu'), L(1, 'sigmoid')], 'l2': 0.1},
     {'epochs': 12, 'learningRate': 0.01, 'optimizer': 'adam', 'batchSize': 20, 'classWeights': [0.7, 1.8]}),
    ('digits-gd-class-weights', 'digits', {'layers': [L(8, 'tanh'), L(10, 'softmax')]},
     {'epochs': 50, 'learningRate': 0.3, 'optimizer': 'gd', 'classWeights': [1, 2, 0.5, 1, 1, 3, 1, 1, 0.8, 1.2]}),
    # fit's defaults for mini-batches (shuffled every epoch) and dropout, drawn from backprop's generator
    ('ilpd-adam-shuffled-minibatch', 'ilpd', {'layers': [L(6, 'tanh'), L(1, 'sigmoid')], 'seed': 7},
     {'epochs': 12, 'learningRate': 0.01, 'optimizer': 'adam', 'batchSize': 20, 'shuffle': True}),
    ('digits-gd-dropout', 'digits', {'layers': [{**L(8, 'tanh'), 'keepProb': 0.8}, L(10, 'softmax')], 'seed': 3},
     {'epochs': 50, 'learningRate': 0.3, 'optimizer': 'gd'}),
    ('boston-momentum-dropout-shuffled', 'boston', {'layers': [{**L(8, 'relu'), 'keepProb': 0.9}, {**L(6, 'relu'), 'keepProb': 0.7}, L(1, 'linear')], 'seed': 5},
     {'epochs': 12, 'learningRate': 0.05, 'optimizer': 'momentum', 'batchSize': 24, 'shuffle': True, 'seed': 11}),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default=os.path.join(ROOT, '..', 'shared', 'data'))
    ap.add_argument('--out', default=os.path.join(ROOT, 'test', 'fixtures', 'torch'))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    data = load_data(args.data)
    versions = {'torch': torch.__version__, 'numpy': np.__version__, 'python': sys.version.split()[0]}
    with open(os.path.join(args.out, 'data.json'), 'w') as f:
        json.dump({'versions': versions, 'datasets': data}, f, separators=(',', ':'))
        f.write('\n')
    names = set()
    for name, dsname, net, fit in CASES:
        assert name not in names, name
        names.add(name)
        ds = data[dsname]
        n_in = len(ds['X'][0])
        case = {'network': {'inputSize': n_in, **net}, 'fit': {'shuffle': False, **fit}}
        if 'loss' not in case['network']:
            out = act_name(net['layers'][-1]['activation'])
            case['network']['loss'] = {'sigmoid': 'binaryCrossEntropy', 'softmax': 'categoricalCrossEntropy'}.get(out, 'meanSquaredError')
        X, Y = tensors(ds, net['layers'][-1]['units'])
        init = initial_weights(case, n_in, zlib.crc32(name.encode()))  # a case's start does not depend on the others
        kind = fit['optimizer']
        formula_run = train(case, X, Y, init, use_torch=False)
        torch_run = train(case, X, Y, init, use_torch=True)
        ref, other = (formula_run, torch_run) if kind == 'momentum' else (torch_run, formula_run)
        diff = max_rel_diff(other[2], ref[2])
        if not diff <= CROSS_CHECK_LIMIT:
            sys.exit(f'{name}: torch optimizer and the formula differ by {diff:.3g} (relative)')
        reference = ('the formula on torch autograd gradients; cross-checked with torch.optim.SGD(momentum=beta, lr=(1-beta)*alpha)'
                     if kind == 'momentum' else
                     f"torch.optim.{ {'gd': 'SGD', 'rmsprop': 'RMSprop', 'adam': 'Adam'}[kind] }"
                     + (' with torch.optim.lr_scheduler' if fit.get('schedule') else '')
                     + "; cross-checked with the formula on torch autograd gradients")
        fixture = {
            'name': name,
            'versions': versions,
            'dataset': dsname,
            'reference': reference,
            'crossCheck': diff,
            **case,
            'init': init,
            'stepCosts': ref[0],
            'epochCosts': ref[1],
            'final': ref[2],
        }
        with open(os.path.join(args.out, name + '.json'), 'w') as f:
            json.dump(fixture, f, separators=(',', ':'))
            f.write('\n')
        print(f'{name}: {len(ref[0])} steps, cost {ref[0][0]:.6f} -> {ref[1][-1]:.6f}, torch vs formula {diff:.2e}')
    for stale in os.listdir(args.out):
        if stale.endswith('.json') and stale != 'data.json' and stale[:-5] not in names:
            os.remove(os.path.join(args.out, stale))


if __name__ == '__main__':
    main()
