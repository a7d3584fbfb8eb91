"""Item-based recommendations from co-purchases, with a human reason per item.

Two item-item models are offered and compared on held-out later purchases (see `backtest`):
item-kNN with cosine similarity (sparse, top-k neighbours per item) and EASE (Steck 2019,
a closed-form ridge regression of each item on all others). Both produce an item x item weight
matrix W, so scores are X @ W and the reason for recommending item j is the owned item i with
the largest W[i, j] ("Often bought with <i>"). A popularity model is the baseline.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import linalg, sparse

NON_MERCHANDISE: frozenset[str] = frozenset(
    {"POST", "DOT", "C2", "M", "D", "CRUK", "PADS", "BANK CHARGES"}
)

ModelKind = Literal["item_knn", "ease", "popularity"]
ReasonKind = Literal["co_purchase", "abandoned_cart", "popular_segment"]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class ItemModel:
    """`weights` is None for the popularity model; `popularity` = buyers per item."""

    kind: ModelKind
    n_items: int
    weights: sparse.csr_matrix | FloatArray | None
    popularity: FloatArray
    hyper: dict[str, float]


@dataclass(frozen=True)
class Recommendation:
    item: int
    score: float
    reason_kind: ReasonKind
    reason: str


def merchandise_mask(item_ids: Sequence[str]) -> npt.NDArray[np.bool_]:
    """True for product codes, False for postage, fees, manual adjustments and the like."""
    return np.array([i.strip().upper() not in NON_MERCHANDISE for i in item_ids], dtype=bool)


def interactions(
    customer: npt.ArrayLike, item: npt.ArrayLike, n_customers: int, n_items: int
) -> sparse.csr_matrix:
    """Binary customer x item matrix: 1 where the customer bought the item at least once."""
    rows = np.asarray(customer, dtype=np.int64)
    cols = np.asarray(item, dtype=np.int64)
    data = np.ones(rows.size, dtype=np.float64)
    x = sparse.csr_matrix((data, (rows, cols)), shape=(n_customers, n_items))
    x.sum_duplicates()
    x.data[:] = 1.0
    return x


def _popularity(x: sparse.csr_matrix) -> FloatArray:
    return np.asarray(x.sum(axis=0), dtype=np.float64).ravel()


def fit_popularity(x: sparse.csr_matrix) -> ItemModel:
    return ItemModel("popularity", x.shape[1], None, _popularity(x), {})


def fit_item_knn(x: sparse.csr_matrix, neighbours: int = 100) -> ItemModel:
    """Cosine similarity of item columns, keeping each item's `neighbours` strongest sources."""
    co = (x.T @ x).tocsr().astype(np.float64)
    degree = np.sqrt(co.diagonal())
    inv = np.divide(1.0, degree, out=np.zeros_like(degree), where=degree > 0)
    sim = sparse.diags(inv) @ co @ sparse.diags(inv)
    sim = sparse.csc_matrix(sim)
    sim.setdiag(0.0)
    sim.eliminate_zeros()
    # Keep the top `neighbours` sources i for every target column j.
    indptr, data = sim.indptr, sim.data
    keep = np.zeros(data.size, dtype=bool)
    for j in range(sim.shape[1]):
        lo, hi = indptr[j], indptr[j + 1]
        if hi - lo <= neighbours:
            keep[lo:hi] = True
        else:
            keep[lo + np.argpartition(data[lo:hi], -neighbours)[-neighbours:]] = True
    column = np.repeat(np.arange(sim.shape[1]), np.diff(indptr))
    pruned = sparse.csr_matrix(
        (data[keep], (sim.indices[keep], column[keep])), shape=sim.shape, dtype=np.float64
    )
    return ItemModel("item_knn", x.shape[1], pruned, _popularity(x), {"neighbours": neighbours})


def fit_ease(x: sparse.csr_matrix, l2: float = 200.0, min_buyers: int = 1) -> ItemModel:
    """EASE: B = I - P diagMat(1/diag(P)), P = (X'X + l2 I)^-1, with diag(B) = 0.

    Dense and cubic in the number of items, so items with fewer than `min_buyers` buyers
    (whose weights the ridge term shrinks to almost nothing anyway) are left out of the
    inversion and keep zero weights; they can still be recommended by popularity.
    """
    pop = _popularity(x)
    active = np.flatnonzero(pop >= max(min_buyers, 1))
    xa = x[:, active]
    gram = (xa.T @ xa).toarray()
    gram[np.diag_indices_from(gram)] += l2
    p = linalg.inv(gram, overwrite_a=True, check_finite=False)
    b = -p / np.diag(p)[None, :]
    b[np.diag_indices_from(b)] = 0.0
    full = np.zeros((x.shape[1], x.shape[1]))
    full[np.ix_(active, active)] = b
    return ItemModel("ease", x.shape[1], full, pop, {"l2": l2, "min_buyers": min_buyers})


def scores(model: ItemModel, owned: sparse.csr_matrix) -> FloatArray:
    """Dense scores for a batch of customers (rows of `owned`)."""
    if model.weights is None:
        return np.tile(model.popularity, (owned.shape[0], 1))
    out = owned @ model.weights
    dense: FloatArray = out.toarray() if sparse.issparse(out) else np.asarray(out)
    return dense


def top_n(
    model: ItemModel,
    owned: sparse.csr_matrix,
    n: int = 10,
    allowed: npt.NDArray[np.bool_] | None = None,
    batch: int = 2048,
) -> IntArray:
    """Top-n item codes per row of `owned`, never an owned or disallowed item.

    Ties and zero scores are broken by popularity so every row gets n items when possible;
    -1 pads rows for which fewer than n items are allowed.
    """
    tie = model.popularity / (model.popularity.max() + 1.0) * 1e-9
    result = np.full((owned.shape[0], n), -1, dtype=np.int64)
    for lo in range(0, owned.shape[0], batch):
        block = owned[lo : lo + batch]
        s = scores(model, block) + tie[None, :]
        s[block.nonzero()] = -np.inf
        if allowed is not None:
            s[:, ~allowed] = -np.inf
        k = min(n, s.shape[1])
        part = np.argpartition(-s, k - 1, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(s, part, axis=1), axis=1, kind="stable")
        best = np.take_along_axis(part, order, axis=1)
        finite = np.isfinite(np.take_along_axis(s, best, axis=1))
        result[lo : lo + batch, :k] = np.where(finite, best, -1)
    return result


def recommend(
    model: ItemModel,
    owned: Collection[int],
    item_names: Sequence[str],
    n: int = 10,
    cart: Sequence[int] = (),
    unavailable: Collection[int] = (),
    segment_popular: Sequence[int] | None = None,
    segment_name: str | None = None,
    allowed: npt.NDArray[np.bool_] | None = None,
) -> list[Recommendation]:
    """Top-n for one customer with a reason each.

    Order: items left in her abandoned cart, then co-purchase neighbours of what she bought
    (reason names the owned item that supports it most), then items popular in her segment
    (`segment_popular`, most popular first; global popularity if None). Owned, unavailable
    (e.g. out of stock in her size here) and disallowed items are never returned.
    """
    owned_set = {int(i) for i in owned}
    blocked = owned_set | {int(i) for i in unavailable}
    if allowed is not None:
        blocked |= {int(i) for i in np.flatnonzero(~allowed)}
    out: list[Recommendation] = []
    seen: set[int] = set()

    def add(item: int, score: float, kind: ReasonKind, reason: str) -> None:
        if len(out) < n and item not in blocked and item not in seen:
            seen.add(item)
            out.append(Recommendation(item, score, kind, reason))

    for item in cart:
        add(int(item), float("inf"), "abandoned_cart", "In her abandoned cart")
    if owned_set and model.weights is not None:
        rows = np.fromiter(sorted(owned_set), dtype=np.int64)
        w = model.weights
        block = (
            np.asarray(w[rows].toarray())
            if isinstance(w, sparse.csr_matrix)
            else np.asarray(w)[rows]
        )
        total = block.sum(axis=0)
        support = block.argmax(axis=0)
        for item in np.argsort(-total, kind="stable"):
            if len(out) >= n or total[item] <= 0:
                break
            source = int(rows[support[item]])
            add(
                int(item),
                float(total[item]),
                "co_purchase",
                f"Often bought with {item_names[source]}",
            )
    ranked = (
        np.argsort(-model.popularity, kind="stable")
        if segment_popular is None
        else np.asarray(segment_popular, dtype=np.int64)
    )
    who = f"{segment_name} customers" if segment_name else "customers"
    for item in ranked:
        if len(out) >= n:
            break
        add(int(item), float(model.popularity[item]), "popular_segment", f"Popular with {who}")
    return out


def segment_popularity(
    owned: sparse.csr_matrix, segments: Sequence[str], top: int = 50
) -> dict[str, IntArray]:
    """Per segment, the `top` items with the most buyers in it (for "Popular with <segment>
    customers"); `segments` is aligned on the rows of `owned`."""
    labels = np.asarray(segments, dtype=object)
    if labels.shape[0] != owned.shape[0]:
        raise ValueError("one segment label per row of owned is needed")
    out: dict[str, IntArray] = {}
    for name in sorted(set(labels.tolist())):
        counts = np.asarray(owned[np.flatnonzero(labels == name)].sum(axis=0)).ravel()
        ranked = np.argsort(-counts, kind="stable")[:top]
        out[name] = ranked[counts[ranked] > 0].astype(np.int64)
    return out


def ranking_metrics(
    recommended: IntArray, relevant: Sequence[Collection[int]], k: int = 10
) -> dict[str, float]:
    """hit_rate@k (share with >= 1 hit), recall@k (hits / relevant) and binary NDCG@k."""
    if recommended.shape[0] != len(relevant):
        raise ValueError("one relevant set per recommended row is needed")
    users = len(relevant)
    if users == 0:
        return {f"hit_rate_at_{k}": 0.0, f"recall_at_{k}": 0.0, f"ndcg_at_{k}": 0.0}
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    hit_sum = recall_sum = ndcg_sum = 0.0
    for row, rel in zip(recommended[:, :k], relevant, strict=True):
        if not rel:
            continue
        gains = np.array([1.0 if int(i) in rel else 0.0 for i in row])
        hits = gains.sum()
        hit_sum += hits > 0
        recall_sum += hits / len(rel)
        ideal = discounts[: min(len(rel), k)].sum()
        ndcg_sum += float(gains @ discounts[: gains.size]) / ideal
    return {
        f"hit_rate_at_{k}": hit_sum / users,
        f"recall_at_{k}": recall_sum / users,
        f"ndcg_at_{k}": ndcg_sum / users,
    }


def purchase_matrix(
    customer: npt.ArrayLike,
    item: npt.ArrayLike,
    quantity: npt.ArrayLike,
    item_ids: Sequence[str],
    n_customers: int,
) -> sparse.csr_matrix:
    """Customer x item matrix of sale lines (quantity > 0) of merchandise only."""
    cust = np.asarray(customer, dtype=np.int64)
    items = np.asarray(item, dtype=np.int64)
    keep = (np.asarray(quantity) > 0) & merchandise_mask(item_ids)[items]
    return interactions(cust[keep], items[keep], n_customers, len(item_ids))


@dataclass(frozen=True)
class BatchRecommendations:
    """Row-aligned arrays: `items[u, k]` is the k-th recommendation of row u (-1 = none),
    `source[u, k]` the owned item that supports it most (-1 = popularity)."""

    items: IntArray
    source: IntArray
    score: FloatArray


def recommend_arrays(
    model: ItemModel,
    owned: sparse.csr_matrix,
    n: int = 10,
    allowed: npt.NDArray[np.bool_] | None = None,
    batch: int = 2048,
) -> BatchRecommendations:
    """Vectorised top-n plus supporting owned item per recommendation, for millions of rows.

    Works on the non-zeros of `owned`: for slot k every owned (row, item) pair looks up
    W[item, pick of its row]; row-wise maxima then give the reason's item.
    """
    items = top_n(model, owned, n, allowed=allowed, batch=batch)
    source = np.full(items.shape, -1, dtype=np.int64)
    score = np.zeros(items.shape)
    valid = items >= 0
    score[valid] = model.popularity[items[valid]]
    w = model.weights
    csr = sparse.csr_matrix(owned)
    csr.sort_indices()
    counts = np.diff(csr.indptr)
    rows_with = np.flatnonzero(counts > 0)
    if w is None or rows_with.size == 0:
        return BatchRecommendations(items, source, score)
    row_of = np.repeat(np.arange(csr.shape[0]), counts)
    owned_item = csr.indices.astype(np.int64)
    starts = csr.indptr[rows_with]
    position = np.arange(owned_item.size)
    for k in range(items.shape[1]):
        picks = items[:, k]
        target = np.maximum(picks[row_of], 0)
        if isinstance(w, sparse.csr_matrix):
            vals = np.asarray(w[owned_item, target], dtype=np.float64).ravel()
        else:
            vals = np.asarray(w)[owned_item, target]
        best = np.maximum.reduceat(vals, starts)
        total = np.add.reduceat(vals, starts)
        at_best = vals == np.repeat(best, counts[rows_with])
        first = np.minimum.reduceat(np.where(at_best, position, owned_item.size), starts)
        ok = (picks[rows_with] >= 0) & (best > 0)
        source[rows_with[ok], k] = owned_item[first[ok]]
        score[rows_with[ok], k] = total[ok]
    return BatchRecommendations(items, source, score)


def reason_text(source: int, item_names: Sequence[str], segment_name: str | None = None) -> str:
    """The human reason for a batch recommendation with supporting item `source`."""
    if source >= 0:
        return f"Often bought with {item_names[source]}"
    return f"Popular with {segment_name} customers" if segment_name else "Popular with customers"


def recommend_batch(
    model: ItemModel,
    owned: sparse.csr_matrix,
    item_names: Sequence[str],
    n: int = 10,
    allowed: npt.NDArray[np.bool_] | None = None,
) -> list[list[Recommendation]]:
    """`recommend_arrays` as Recommendation lists (convenient for thousands of rows; use the
    arrays directly for millions). Cart and segment-specific reasons need per-customer data:
    use `recommend` for those."""
    arrays = recommend_arrays(model, owned, n, allowed=allowed)
    out: list[list[Recommendation]] = []
    for row_items, row_source, row_score in zip(
        arrays.items.tolist(), arrays.source.tolist(), arrays.score.tolist(), strict=True
    ):
        out.append(
            [
                Recommendation(
                    item,
                    score,
                    "co_purchase" if src >= 0 else "popular_segment",
                    reason_text(src, item_names),
                )
                for item, src, score in zip(row_items, row_source, row_score, strict=True)
                if item >= 0
            ]
        )
    return out
