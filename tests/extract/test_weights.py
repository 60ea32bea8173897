"""Feature weights looked up in batches give exactly what a dict gives, summed the same way."""

from __future__ import annotations

import random

import pytest

from claimdb.extract.weights import WeightTable


def _weights(n: int, seed: int = 0) -> dict[str, float]:
    rng = random.Random(seed)
    return {f"f{i}={rng.random():.6f}": rng.uniform(-3, 3) for i in range(n)}


def test_every_weight_is_found_and_unknown_features_weigh_nothing() -> None:
    weights = _weights(5000)
    table = WeightTable(weights)
    assert len(table) == len(weights)
    asked = [*weights, "never seen", "", "f1=nope"]
    # fresh string objects, as features are built: no hash cached, no identity to lean on
    asked = ["".join(list(f)) for f in asked]
    assert table.weights(asked).tolist() == [weights.get(f, 0.0) for f in asked]


def _spilled(table: WeightTable, feature: str) -> bool:
    """Whether another weight holds the first slot of this stored feature (reads the arrays)."""
    key = hash(feature) or 1  # 0 marks an empty slot, as in the table
    return bool(table._keys[key & table._mask] != key)


def test_features_that_collide_are_found_further_on() -> None:
    # a table this full puts many weights beyond their first slot: each must still be found,
    # and a feature that is absent must still weigh nothing
    weights = _weights(40_000, seed=1)
    table = WeightTable(weights)
    spilled = [f for f in weights if _spilled(table, f)]
    assert len(spilled) > 1000
    asked = spilled + [f"x{i}" for i in range(3000)]
    assert table.weights(asked).tolist() == [weights.get(f, 0.0) for f in asked]


def test_sums_are_those_of_summing_one_feature_after_another() -> None:
    weights = _weights(2000, seed=2)
    table = WeightTable(weights)
    rng = random.Random(3)
    names = [*weights, "unknown"]
    groups = [[rng.choice(names) for _ in range(rng.randrange(0, 30))] for _ in range(300)]
    expected = [sum(weights.get(f, 0.0) for f in group) for group in groups]
    assert table.sums(groups) == expected  # bit for bit: the model's decisions must not move
    pairs = list(zip(groups[0::2], groups[1::2], strict=True))
    assert table.pair_sums(pairs) == [
        sum(weights.get(f, 0.0) for f in a) + sum(weights.get(f, 0.0) for f in b) for a, b in pairs
    ]


def test_an_empty_batch_and_an_empty_table() -> None:
    assert WeightTable({}).weights(["a"]).tolist() == [0.0]
    assert WeightTable(_weights(10)).sums([]) == []


def test_a_table_sent_to_another_process_is_built_again_there(tmp_path) -> None:
    # hash() of a string is salted per process: copying the arrays would find nothing
    import pickle
    import subprocess
    import sys

    weights = _weights(300, seed=4)
    path = tmp_path / "table.pickle"
    path.write_bytes(pickle.dumps(WeightTable(weights)))
    probe = (
        "import pickle, sys\n"
        f"table = pickle.loads(open({str(path)!r}, 'rb').read())\n"
        "names = sys.stdin.read().split('\\n')\n"
        "print(sum(table.weights(names).tolist()))\n"
    )
    names = list(weights)
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", probe],
            input="\n".join(names),
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            check=True,
        )
        assert float(out.stdout) == pytest.approx(sum(weights.values()))
