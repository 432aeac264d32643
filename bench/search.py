"""Searches as visitors type them, none asked twice: the board's search page for every word and
word pair of the seeded titles, one keep-alive connection with a browser's headers, each search
once (so none is answered from the page cache). Prints p50, p90 and p99 per backend.

    python3 bench/search.py [sqlite|postgres|both] [IDEAS]     (default both, 1m)

The board has IDEAS ideas and as many votes, and few comments: the search reads ideas only, and a
million ideas' worth of comments would take long to seed for nothing.
"""

import http.client
import os
import random
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
from browser_mix import BROWSER_HEADERS, vocabulary  # noqa: E402

SEARCHES = 400


def searches(rng):
    """Distinct searches: single words and pairs from the seeded titles, shuffled."""
    words, pairs = vocabulary()
    terms = words + pairs
    rng.shuffle(terms)
    return terms[:SEARCHES]


def timed(conn, path):
    started = time.perf_counter()
    conn.request("GET", path, headers=BROWSER_HEADERS)
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        sys.exit(f"{path}: {response.status} {body[:200]!r}")
    return elapsed


def percentile(sorted_ms, share):
    return sorted_ms[min(len(sorted_ms) - 1, int(share * len(sorted_ms)))]


def measure(backend, ideas):
    label = f"{ideas}:{ideas}"
    print(f"== search {backend} {label}", file=sys.stderr)
    url = h.fresh_database(backend, label, ideas, ideas, comments=1_000)
    server = h.Server(url)
    try:
        terms = searches(random.Random(1))
        conn = http.client.HTTPConnection("127.0.0.1", h.PORT, timeout=60)
        timed(conn, "/?q=warm")
        pages = sorted(timed(conn, "/?q=" + urllib.parse.quote_plus(t)) for t in terms)
        api = sorted(timed(conn, "/api/v1/ideas?q=" + urllib.parse.quote_plus(t) + "&page=2")
                     for t in terms)
        peak = server.peak_rss()
    finally:
        server.stop()
    return [
        (f"/?q=… ({len(pages)} searches)", pages),
        (f"/api/v1/ideas?q=…&page=2 ({len(api)} searches)", api),
    ], peak, label


def main(argv):
    backends, ideas = ["sqlite", "postgres"], 1_000_000
    for arg in argv:
        if arg in ("sqlite", "postgres"):
            backends = [arg]
        elif arg != "both":
            ideas = h.parse_count(arg)
    print(f"Searches measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC on {h.machine()}; "
          "one keep-alive connection, each search asked once.\n")
    for backend in backends:
        rows, peak, label = measure(backend, ideas)
        print(f"### searches, {backend}, {label.replace(':', ' ideas / ')} votes\n")
        print("| route | p50 | p90 | p99 |\n| --- | ---: | ---: | ---: |")
        for name, ms in rows:
            print(f"| {name} | {percentile(ms, 0.5):.1f} ms | {percentile(ms, 0.9):.1f} ms "
                  f"| {percentile(ms, 0.99):.1f} ms |")
        print(f"\nServer peak RSS {peak / 2**20:.0f} MB.\n", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
