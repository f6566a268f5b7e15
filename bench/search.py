"""Search beside the floor: a common word (every kind, then one kind a page at a time), words
that match other kinds, a name, a word found nowhere; p50, p95, both as multiples of the floor
served in the same rounds, and each request's query count (the same at every size).

    make bench BENCH_ARGS="search --scale 10x"
    make bench BENCH_ARGS="search --scale 100x"
"""

from __future__ import annotations

from bench.pages import logged_in_client, pct, sample_against_floor

TARGET_RATIO = 8.0  # issue #13: search for a common word at most 8 floors at 10x
SEARCHES = {
    "common word": "/search/?q=follow-up",
    "one kind": "/search/?q=follow-up&kind=actions",
    "deep page": "/search/?q=follow-up&kind=actions&page=30",
    "items, meetings": "/search/?q=partnership",
    "a name": "/search/?q=Member+1+Bench",
    "nothing": "/search/?q=zeppelin",
}


def search_main(args) -> int:
    from django.db import connection

    samples, counts = sample_against_floor(logged_in_client(), SEARCHES, args.rounds)

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM actions_action")
        actions = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM portal_searchentry")
        entries = cursor.fetchone()[0]
    floor50, floor95 = pct(samples["floor"], 50), pct(samples["floor"], 95)
    print(
        f"{args.scale}: {actions:,} actions, {entries:,} search entries; {args.rounds} rounds; "
        f"milliseconds; ratios to the floor (target for a common word <= {TARGET_RATIO:.0f}x)"
    )
    print(f"{'search':<16}{'p50':>8}{'p95':>8}{'p50 x':>8}{'p95 x':>8}{'queries':>9}")
    print(
        f"{'floor':<16}{floor50 * 1e3:>8.1f}{floor95 * 1e3:>8.1f}{1:>7.1f}x{1:>7.1f}x{counts['floor']:>9}"
    )
    for name in SEARCHES:
        p50, p95 = pct(samples[name], 50), pct(samples[name], 95)
        print(
            f"{name:<16}{p50 * 1e3:>8.1f}{p95 * 1e3:>8.1f}{p50 / floor50:>7.1f}x"
            f"{p95 / floor95:>7.1f}x{counts[name]:>9}"
        )
    return 0
