"""The staff's pages at scale: the triage inbox, the response-time figures and the community
insights (page and APIs, every kind of period) on a seeded board
whose ideas are spread over five product areas, as staff click them — every filter, deep pages,
every window and area, none asked twice in a row — on one keep-alive connection with a browser's
headers, while members vote on another. Prints p50, p90 and p99 per route and backend.

    python3 bench/staff.py [sqlite|postgres|both] [IDEAS:VOTES]     (default both, 100k:1m)
"""

import http.client
import json
import os
import random
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
from browser_mix import BROWSER_HEADERS  # noqa: E402
from search import percentile  # noqa: E402

AREAS = ["Batteries", "Screens", "Sound", "Software", "Service"]
ROUNDS = 200


def put_in_areas(url, admin_token):
    """Five areas owned by the bench admin; five ideas in six get one (by number), the rest none."""
    for name in AREAS:
        h.http("POST", "/api/v1/areas", admin_token, {"name": name, "owners": ["bench-admin@example.com"]})
    if url.startswith("sqlite://"):
        with sqlite3.connect(url.removeprefix("sqlite://")) as db:
            ids = [row[0] for row in db.execute("SELECT id FROM areas ORDER BY slug")]
            db.execute(assign(ids))
            # As the server's own upkeep would after so many changes: fresh planner statistics.
            db.execute("ANALYZE")
            db.commit()
            # Fold the bulk change back into the file now, as the seed is: otherwise the server's
            # checkpoint job copies the whole of it while the first routes are measured.
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    else:
        ids = h.psql_value("SELECT string_agg(id, ',' ORDER BY slug) FROM areas", "ib_bench_run").split(",")
        # As an import would: the row triggers off for the one bulk change (in one transaction
        # every kept row they touch would be rewritten once per idea, each version stepped over
        # by the next: at 1M ideas it ran for over 18 minutes unfinished), then everything they
        # keep counted once by `rerank`.
        h.psql(f"BEGIN; ALTER TABLE ideas DISABLE TRIGGER USER; {assign(ids)}; "
               "ALTER TABLE ideas ENABLE TRIGGER USER; COMMIT;", "ib_bench_run")
        h.run(["rerank"], url)
        h.psql("VACUUM ANALYZE", "ib_bench_run")


def assign(area_ids):
    """Five ideas in six go to an area by their number, the sixth to none."""
    cases = " ".join(f"WHEN {i} THEN '{area}'" for i, area in enumerate(area_ids))
    return f"UPDATE ideas SET area_id = CASE number % 6 {cases} ELSE NULL END"


def inbox_paths(rng):
    slugs = [a.lower() for a in AREAS]
    paths = []
    for _ in range(ROUNDS):
        query = []
        if rng.random() < 0.5:
            query.append(f"area={rng.choice(slugs)}")
        if rng.random() < 0.3:
            query.append("mine=true")
        if rng.random() < 0.2:
            query.append("unsorted=true")
        if rng.random() < 0.5:
            query.append("past_target=true")
        query.append(f"page={rng.choice([1, 1, 1, 2, 5, 50])}")
        paths.append("?" + "&".join(query))
    return paths


def figures_paths(rng):
    slugs = [a.lower() for a in AREAS]
    return [f"?days={rng.choice([7, 30, 90, 180, 365, rng.randint(1, 730)])}"
            + (f"&area={rng.choice(slugs)}" if rng.random() < 0.5 else "")
            for _ in range(ROUNDS)]


def period_paths(rng, with_days):
    """A period as staff choose one: an offered number of days (the page only), or a first and a
    last day anywhere in the last two years, with an area half the time."""
    slugs = [a.lower() for a in AREAS]
    today = time.gmtime()
    end = time.mktime((today.tm_year, today.tm_mon, today.tm_mday, 12, 0, 0, 0, 0, -1))
    paths = []
    for _ in range(ROUNDS):
        if with_days and rng.random() < 0.5:
            query = [f"days={rng.choice([30, 90, 365])}"]
        else:
            last = end - rng.randint(0, 365) * 86400
            first = last - rng.choice([7, 30, 90, 180, 365]) * 86400
            query = [f"from={time.strftime('%Y-%m-%d', time.gmtime(first))}",
                     f"to={time.strftime('%Y-%m-%d', time.gmtime(last))}"]
        if rng.random() < 0.5:
            query.append(f"area={rng.choice(slugs)}")
        paths.append("?" + "&".join(query))
    return paths


def area_board_paths(rng):
    """The public board of one area, in any order, on one of its first ten pages."""
    slugs = [a.lower() for a in AREAS]
    sorts = ["popular", "trending", "new", "top", "discussed"]
    return [f"?area={rng.choice(slugs)}&sort={rng.choice(sorts)}&page={rng.randint(1, 10)}"
            for _ in range(ROUNDS)]


def timed(conn, path, headers):
    started = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        sys.exit(f"{path}: {response.status} {body[:200]!r}")
    return elapsed


def voting(tokens, ideas, stop, counted):
    """Members vote on random ideas until `stop` is set."""
    conn = http.client.HTTPConnection("127.0.0.1", h.PORT, timeout=60)
    rng = random.Random(2)
    while not stop.is_set():
        body = json.dumps({"value": rng.choice([1, -1, 0])})
        conn.request("PUT", f"/api/v1/ideas/{rng.randint(1, ideas)}/vote", body=body,
                     headers={"Authorization": f"Bearer {rng.choice(tokens)}",
                              "Content-Type": "application/json"})
        conn.getresponse().read()
        counted[0] += 1


def measure(backend, label, ideas, votes):
    print(f"== staff {backend} {label}", file=sys.stderr)
    url = h.fresh_database(backend, label, ideas, votes)
    admin = h.run(["token", "create", "--email", "bench-admin@example.com", "--name", "bench"],
                  url).stdout.strip()
    voters = [h.run(["token", "create", "--email", f"seed{i}-1@example.com", "--name", "bench"],
                    url).stdout.strip() for i in range(4)]
    server = h.Server(url)
    try:
        put_in_areas(url, admin)
    finally:
        server.stop()
    # The bulk change went behind the server's back: it starts again, as after an import, and
    # plans with the statistics taken after it.
    server = h.Server(url)
    rows = []
    try:
        cookie = h.session_cookie("bench-admin@example.com", h.ADMIN_PASSWORD)
        rng = random.Random(1)
        routes = [
            ("/triage", "/triage", inbox_paths(rng), {"Cookie": cookie}),
            ("GET /api/v1/triage", "/api/v1/triage", inbox_paths(rng), {"Authorization": f"Bearer {admin}"}),
            ("/insights/responses", "/insights/responses", figures_paths(rng), {"Cookie": cookie}),
            ("GET /api/v1/insights/responses", "/api/v1/insights/responses", figures_paths(rng),
             {"Authorization": f"Bearer {admin}"}),
            ("/insights", "/insights", period_paths(rng, True), {"Cookie": cookie}),
            ("GET /api/v1/insights/activity", "/api/v1/insights/activity", period_paths(rng, False),
             {"Authorization": f"Bearer {admin}"}),
            ("GET /api/v1/insights/sentiment", "/api/v1/insights/sentiment", period_paths(rng, False),
             {"Authorization": f"Bearer {admin}"}),
            ("GET /api/v1/insights/funnel", "/api/v1/insights/funnel", period_paths(rng, False),
             {"Authorization": f"Bearer {admin}"}),
            # The dashboard's other parts alone, through their CSV downloads.
            ("/insights/rising.csv", "/insights/rising.csv", period_paths(rng, True), {"Cookie": cookie}),
            ("/insights/in-action.csv", "/insights/in-action.csv", period_paths(rng, True), {"Cookie": cookie}),
            ("/insights/attention.csv", "/insights/attention.csv", period_paths(rng, True), {"Cookie": cookie}),
            ("/ (anonymous, with the promise)", "/", [f"?page={rng.randint(1, 200)}" for _ in range(ROUNDS)], {}),
            ("/?area= (anonymous, every order)", "/", area_board_paths(rng), {}),
        ]
        stop, counted = threading.Event(), [0]
        voter = threading.Thread(target=voting, args=(voters, ideas, stop, counted))
        voter.start()
        started = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", h.PORT, timeout=60)
            for name, path, queries, extra in routes:
                headers = {**BROWSER_HEADERS, **extra}
                timed(conn, path, headers)
                times = sorted(timed(conn, path + q, headers) for q in queries)
                rows.append((name, times))
        finally:
            stop.set()
            voter.join()
        vote_rate = counted[0] / (time.perf_counter() - started)
        peak = server.peak_rss()
    finally:
        server.stop()
    return rows, vote_rate, peak


def main(argv):
    backends = ["sqlite", "postgres"]
    size = "100k:1m"
    for arg in argv:
        if arg in ("sqlite", "postgres"):
            backends = [arg]
        elif arg == "both":
            backends = ["sqlite", "postgres"]
        else:
            size = arg
    label, ideas, votes = h.parse_size(size)
    lines = [f"Staff pages, {label.replace(':', ' ideas / ')} votes, {ROUNDS} requests per route, "
             f"each with other filters, on one keep-alive connection with a browser's headers "
             f"({h.machine()}):", ""]
    for backend in backends:
        rows, vote_rate, peak = measure(backend, label, ideas, votes)
        lines += [f"#### {backend}", "", "| route | p50 | p90 | p99 |", "| --- | ---: | ---: | ---: |"]
        lines += [f"| {name} | {percentile(t, .5):.1f} ms | {percentile(t, .9):.1f} ms | "
                  f"{percentile(t, .99):.1f} ms |" for name, t in rows]
        lines += ["", f"Votes cast alongside: {vote_rate:,.0f}/s. Peak RSS {peak / 2**20:.0f} MB.", ""]
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(h.ROOT, "bench", "latest-staff.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
