"""W1, numpy: the book's chapter-15 loop (test/fixtures/reference), timed. Prints one JSON line.

Run: python3 bench/numpy_w1.py --epochs 1000 --warmup 20 [--validate]
--validate also evaluates a validation set of 100 samples per class after every epoch, as
`scratchnet train` does (the bench's whole-process row runs it so, with --warmup 0).
Uses nnfs_lite.init() (float64 np.dot rounded to float32, as nnfs.init()), so this is the numpy the
book runs; numpy's own BLAS threads are whatever the installed numpy uses.
"""
import json
import os
import resource
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'test', 'fixtures', 'reference'))

import numpy as np  # noqa: E402
import nnfs_lite as nnfs  # noqa: E402
from nnfs_lite import spiral_data  # noqa: E402
from nnfs_model import (Layer_Dense, Layer_Dropout, Activation_ReLU,  # noqa: E402
                        Activation_Softmax_Loss_CategoricalCrossentropy, Optimizer_Adam)


def arg(name, default):
    if f'--{name}' in sys.argv:
        return int(sys.argv[sys.argv.index(f'--{name}') + 1])
    return default


def validation_set():
    """300 points from seed 0; train() then re-seeds, so its training stream stays the book's."""
    nnfs.init()
    return spiral_data(samples=100, classes=3)


def validate(X_val, y_val, dense1, activation1, dense2, loss_activation):
    """Loss and accuracy on the validation set, dropout off (the book's chapter-16 validation)."""
    dense1.forward(X_val)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    loss = loss_activation.forward(dense2.output, y_val)
    return loss, np.mean(np.argmax(loss_activation.output, axis=1) == y_val)


def train(epochs, validating=False):
    X_val, y_val = validation_set() if validating else (None, None)
    nnfs.init()
    X, y = spiral_data(samples=1000, classes=3)
    dense1 = Layer_Dense(2, 64, weight_regularizer_l2=5e-4, bias_regularizer_l2=5e-4)
    activation1 = Activation_ReLU()
    dropout1 = Layer_Dropout(0.1)
    dense2 = Layer_Dense(64, 3)
    loss_activation = Activation_Softmax_Loss_CategoricalCrossentropy()
    optimizer = Optimizer_Adam(learning_rate=0.05, decay=5e-5)
    accuracy = 0.0
    t0 = time.perf_counter()
    for _ in range(epochs):
        dense1.forward(X)
        activation1.forward(dense1.output)
        dropout1.forward(activation1.output)
        dense2.forward(dropout1.output)
        data_loss = loss_activation.forward(dense2.output, y)
        regularization_loss = \
            loss_activation.loss.regularization_loss(dense1) + \
            loss_activation.loss.regularization_loss(dense2)
        loss = data_loss + regularization_loss  # noqa: F841 (computed as the book does)
        predictions = np.argmax(loss_activation.output, axis=1)
        accuracy = np.mean(predictions == y)
        loss_activation.backward(loss_activation.output, y)
        dense2.backward(loss_activation.dinputs)
        dropout1.backward(dense2.dinputs)
        activation1.backward(dropout1.dinputs)
        dense1.backward(activation1.dinputs)
        optimizer.pre_update_params()
        optimizer.update_params(dense1)
        optimizer.update_params(dense2)
        optimizer.post_update_params()
        if validating:
            validate(X_val, y_val, dense1, activation1, dense2, loss_activation)
    return time.perf_counter() - t0, float(accuracy)


epochs = arg('epochs', 1000)
warmup = arg('warmup', 20)
validating = '--validate' in sys.argv
if warmup > 0:
    train(warmup, validating)
seconds, accuracy = train(epochs, validating)
print(json.dumps({
    'system': 'numpy', 'workload': 'W1', 'epochs': epochs,
    'msPerEpoch': seconds * 1000 / epochs, 'accuracy': accuracy,
    'numpy': np.__version__,
    # ru_maxrss is kilobytes on Linux
    'maxRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
