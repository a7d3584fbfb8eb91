"""Item-based recommendations: exclusions, co-purchase beats popularity, reasons, metrics."""

from __future__ import annotations

import numpy as np
import pytest

from sync_server.analytics import recommender as rec

NAMES = ["Red scarf", "Red gloves", "Blue hat", "Green socks", "Tote bag", "Gift card"]
SCARF, GLOVES, HAT, SOCKS, TOTE, GIFT = range(6)


def _baskets() -> list[list[int]]:
    """Scarf and gloves go together; the gift card is bought by far more people, alone."""
    baskets = [[SCARF, GLOVES]] * 12 + [[SCARF, GLOVES, HAT]] * 3 + [[GIFT]] * 40
    baskets += [[HAT, SOCKS]] * 5 + [[TOTE]] * 2 + [[SCARF]]  # the last one: our customer
    return baskets


def _matrix() -> tuple[np.ndarray, rec.sparse.csr_matrix]:
    rows, cols = [], []
    for u, basket in enumerate(_baskets()):
        rows += [u] * len(basket)
        cols += basket
    x = rec.interactions(rows, cols, len(_baskets()), len(NAMES))
    return np.array([len(_baskets()) - 1]), x


@pytest.mark.parametrize("fit", [rec.fit_item_knn, rec.fit_ease], ids=["item_knn", "ease"])
def test_co_purchase_beats_popular_unrelated_and_owned_is_excluded(fit: object) -> None:
    customer, x = _matrix()
    model = fit(x)  # type: ignore[operator]
    top = rec.top_n(model, x[customer], n=5)[0].tolist()
    assert SCARF not in top
    assert top.index(GLOVES) < top.index(GIFT)
    recs = rec.recommend(model, owned=[SCARF], item_names=NAMES, n=4)
    assert recs[0].item == GLOVES
    assert recs[0].reason_kind == "co_purchase"
    assert recs[0].reason == "Often bought with Red scarf"
    assert all(r.item != SCARF for r in recs)
    assert len({r.item for r in recs}) == len(recs) == 4


def test_popularity_baseline_ranks_the_gift_card_first() -> None:
    customer, x = _matrix()
    top = rec.top_n(rec.fit_popularity(x), x[customer], n=3)[0].tolist()
    assert top[0] == GIFT and SCARF not in top


def test_cart_first_unavailable_skipped_segment_fill() -> None:
    _, x = _matrix()
    model = rec.fit_ease(x)
    recs = rec.recommend(
        model,
        owned=[SCARF],
        item_names=NAMES,
        n=6,
        cart=[TOTE, SCARF],
        unavailable=[GLOVES],
        segment_popular=[SOCKS, GIFT, HAT],
        segment_name="Loyal",
    )
    assert recs[0].item == TOTE and recs[0].reason_kind == "abandoned_cart"
    items = [r.item for r in recs]
    assert GLOVES not in items and SCARF not in items
    fill = [r for r in recs if r.reason_kind == "popular_segment"]
    assert fill and all(r.reason == "Popular with Loyal customers" for r in fill)
    assert len(items) == len(set(items))


def test_disallowed_items_never_recommended() -> None:
    customer, x = _matrix()
    allowed = np.ones(len(NAMES), dtype=bool)
    allowed[GLOVES] = False
    top = rec.top_n(rec.fit_item_knn(x), x[customer], n=5, allowed=allowed)[0]
    assert GLOVES not in top.tolist()
    # Only five items are allowed and one is owned: the last slot is padding.
    assert top.tolist()[-1] == -1


def test_non_merchandise_codes_are_masked() -> None:
    mask = rec.merchandise_mask(["85123A", "POST", "DOT", "C2", "M", "D", "CRUK", "PADS",
                                 "BANK CHARGES", "22423"])  # fmt: skip
    assert mask.tolist() == [True] + [False] * 8 + [True]


def test_ranking_metrics_by_hand() -> None:
    recommended = np.array([[1, 2, 3], [4, 5, 6]])
    m = rec.ranking_metrics(recommended, [{2, 9}, {7}], k=3)
    ideal = 1.0 + 1.0 / np.log2(3)
    assert m["hit_rate_at_3"] == pytest.approx(0.5)
    assert m["recall_at_3"] == pytest.approx(0.25)
    assert m["ndcg_at_3"] == pytest.approx((1.0 / np.log2(3)) / ideal / 2)


def test_batch_recommendations_carry_reasons_and_skip_owned() -> None:
    customer, x = _matrix()
    model = rec.fit_ease(x)
    batch = rec.recommend_batch(model, x[[customer[0], 0]], NAMES, n=3)
    assert batch[0][0].item == GLOVES
    assert batch[0][0].reason == "Often bought with Red scarf"
    owned_by_first = {SCARF, GLOVES}
    assert owned_by_first.isdisjoint(r.item for r in batch[1])
    for recs in batch:
        assert all(r.reason_kind in {"co_purchase", "popular_segment"} for r in recs)


def test_purchase_matrix_skips_returns_and_non_merchandise() -> None:
    x = rec.purchase_matrix(
        [0, 0, 0, 1], [0, 1, 2, 0], [2, -1, 5, 1], ["85123A", "22423", "POST"], 2
    )
    assert x.toarray().tolist() == [[1.0, 0.0, 0.0], [1.0, 0.0, 0.0]]


@pytest.mark.parametrize("fit", [rec.fit_item_knn, rec.fit_ease], ids=["item_knn", "ease"])
def test_batch_reason_is_the_owned_item_with_the_largest_weight(fit: object) -> None:
    rng = np.random.default_rng(3)
    n_customers, n_items = 300, 40
    taste = rng.integers(0, 4, n_customers)
    rows, cols = [], []
    for u in range(n_customers):
        picks = set((taste[u] * 10 + rng.integers(0, 10, 4)).tolist())
        picks |= set(rng.integers(0, n_items, 1).tolist())
        rows += [u] * len(picks)
        cols += sorted(picks)
    x = rec.interactions(rows, cols, n_customers, n_items)
    model = fit(x)  # type: ignore[operator]
    arrays = rec.recommend_arrays(model, x, n=5, batch=64)
    w = model.weights.toarray() if hasattr(model.weights, "toarray") else model.weights
    for u in range(n_customers):
        owned = x.indices[x.indptr[u] : x.indptr[u + 1]]
        for k, item in enumerate(arrays.items[u]):
            assert item not in owned
            support = w[owned, item]
            expected = owned[int(np.argmax(support))] if support.max() > 0 else -1
            assert arrays.source[u, k] == expected


def test_segment_popularity_ranks_items_by_buyers_within_the_segment() -> None:
    _, x = _matrix()
    labels = ["Loyal"] * 15 + ["New"] * (x.shape[0] - 15)
    ranked = rec.segment_popularity(x, labels, top=3)
    assert ranked["Loyal"].tolist() == [SCARF, GLOVES, HAT]
    assert ranked["New"][0] == GIFT
    with pytest.raises(ValueError):
        rec.segment_popularity(x, ["Loyal"])
