"""The nightly batch on a real seeded database: figures reach the tablets, reruns stay quiet."""

from __future__ import annotations

import math

from sqlalchemy import text

from sync_server.analytics.batch import run_analytics
from tests.conftest import LiveServer
from tests.server.helpers import Device


def test_batch_writes_metrics_and_recommendations_that_sync(server: LiveServer) -> None:
    report = run_analytics(server.engine)
    assert report.customers > 200
    assert report.metrics_written == report.customers
    with server.engine.connect() as conn:
        owned = {
            (c, p) for c, p in conn.execute(text("SELECT customer_id, product_id FROM order_line"))
        }
        recs = conn.execute(
            text("SELECT customer_id, product_id, reason_kind, reason, rank FROM recommendation")
        ).all()
        cart_items = {
            (c, p)
            for c, p in conn.execute(
                text(
                    "SELECT l.customer_id, l.product_id FROM cart_line l "
                    "JOIN cart c ON c.id = l.cart_id WHERE c.status = 'abandoned'"
                )
            )
        }
    assert recs
    model_recs = [r for r in recs if r.reason_kind != "abandoned_cart"]
    assert not [r for r in model_recs if (r.customer_id, r.product_id) in owned]
    assert all(r.reason.startswith(("Often bought with", "Popular with")) for r in model_recs)
    carted = [r for r in recs if r.reason_kind == "abandoned_cart"]
    assert carted and all((r.customer_id, r.product_id) in cart_items for r in carted)
    assert all(r.rank <= 3 for r in carted)

    device = Device(server, "MAD01")
    device.sync()
    metrics = device.replica.rows["customer_metrics"]
    assert metrics
    for m in metrics.values():
        assert m["segment"]
        for key in ("p_alive", "expected_purchases_90d", "return_rate"):
            assert m[key] is None or math.isfinite(m[key])
        assert m["customer_id"] in device.replica.rows["customer"]

    cursor = device.replica.cursor
    again = run_analytics(server.engine)
    assert again.recommendations_written == 0
    assert again.metrics_written < report.metrics_written / 10
    device.sync()
    assert device.replica.cursor >= cursor
