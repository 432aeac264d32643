"""The browser mix: what visitors' browsers ask for, while others vote and comment.

Keep-alive connections (wrk) send browser headers and draw each request from a mix of every
route a visitor or member reaches: every sort, pages 1-5, status and tag filters, searches made
of the seeded words, idea pages skewed towards popular ones, the roadmap and the feeds; a share of
the connections' requests carry a signed-in session. Alongside, votes and comments arrive at a
fixed rate (0, 20, 100, 400 per second) from a separate writer. Reported: reads/s, p50, p99 and the
ratio to /healthz measured in the same run; then each kind of route alone, as browsers ask.

    bench/run.sh mix [sqlite|postgres|both] [SIZE ...]
"""

import http.client
import json
import os
import queue
import random
import sys
import threading
import time

import harness as h

BROWSER_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Encoding": "gzip, deflate, br, zstd",
    "Accept-Language": "en-GB,en;q=0.9",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
}
WRITE_RATES = [0, 20, 100, 400]
SIGNED_IN_SHARE = 0.2
MIX_PATHS = 6000


def get_json(path):
    return h.http("GET", path)


def vocabulary():
    """Search terms a visitor would type: single words and pairs from the seeded titles."""
    words, pairs = set(), set()
    for page in range(1, 4):
        for item in get_json(f"/api/v1/ideas?sort=top&per_page=100&page={page}")["items"]:
            title = [w.strip(".,!?").lower() for w in item["title"].split()]
            words.update(w for w in title if len(w) > 3)
            pairs.update(f"{a} {b}" for a, b in zip(title, title[1:]) if len(a) > 2 and len(b) > 2)
    return sorted(words), sorted(pairs)


def popular_ideas(count=500):
    numbers = []
    for page in range(1, count // 100 + 1):
        numbers += [i["number"] for i in get_json(f"/api/v1/ideas?per_page=100&page={page}")["items"]]
    return numbers


def mix_paths(rng):
    """The weighted mix of read paths, as a list to draw from uniformly."""
    sorts = ["popular", "top", "new", "trending", "discussed"]
    listed = get_json("/api/v1/statuses")
    statuses = [s["slug"] for s in (listed["items"] if isinstance(listed, dict) else listed)]
    tagged = get_json("/api/v1/tags")
    tags = [t["slug"] for t in (tagged["items"] if isinstance(tagged, dict) else tagged)] or ["ui"]
    words, pairs = vocabulary()
    ideas = popular_ideas()
    zipf = [1 / (rank + 1) for rank in range(len(ideas))]
    kinds = [
        (30, lambda: f"/?sort={rng.choice(sorts)}&page={rng.randint(1, 5)}"),
        (5, lambda: "/"),
        (8, lambda: f"/?status={rng.choice(statuses)}&sort={rng.choice(sorts)}"),
        (5, lambda: f"/?tag={rng.choice(tags)}"),
        (10, lambda: "/?q=" + rng.choice(words + pairs).replace(" ", "+")),
        (32, lambda: f"/ideas/{rng.choices(ideas, weights=zipf)[0]}"),
        (5, lambda: "/roadmap"),
        (5, lambda: rng.choice(["/feeds/ideas.atom", "/feeds/status.atom"])),
    ]
    weights = [w for w, _ in kinds]
    return [rng.choices(kinds, weights=weights)[0][1]() for _ in range(MIX_PATHS)], words, ideas


def lua(paths, cookies):
    """A wrk script drawing each request's path from `paths`; a share signed in."""
    quoted = ",\n".join(json.dumps(p) for p in paths)
    cookie_list = ", ".join(json.dumps(c) for c in cookies)
    header_lines = "\n".join(f"headers[{json.dumps(k)}] = {json.dumps(v)}"
                             for k, v in BROWSER_HEADERS.items())
    return f"""
paths = {{{quoted}}}
cookies = {{{cookie_list}}}
headers = {{}}
{header_lines}
request = function()
  local path = paths[math.random(#paths)]
  if math.random() < {SIGNED_IN_SHARE} then
    headers["Cookie"] = cookies[math.random(#cookies)]
  else
    headers["Cookie"] = nil
  end
  return wrk.format("GET", path, headers)
end
"""


class Writer:
    """Votes (four in five) and comments at a fixed rate, from a pool of keep-alive connections."""

    def __init__(self, rate, tokens, ideas, rng):
        self.rate, self.tokens, self.ideas, self.rng = rate, tokens, ideas, rng
        self.jobs = queue.Queue(maxsize=1000)
        self.done = threading.Event()
        self.counts = {"sent": 0, "ok": 0, "refused": 0, "failed": 0, "late": 0}
        self.lock = threading.Lock()

    def count(self, key):
        with self.lock:
            self.counts[key] += 1

    def work(self):
        conn = http.client.HTTPConnection("127.0.0.1", h.PORT, timeout=30)
        while not self.done.is_set() or not self.jobs.empty():
            try:
                method, path, token, body = self.jobs.get(timeout=0.2)
            except queue.Empty:
                continue
            try:
                conn.request(method, path, body=json.dumps(body), headers={
                    "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
                status = conn.getresponse()
                status.read()
                self.count("ok" if status.status < 300 else
                           "refused" if status.status in (403, 409, 429) else "failed")
            except (OSError, http.client.HTTPException):
                self.count("failed")
                conn = http.client.HTTPConnection("127.0.0.1", h.PORT, timeout=30)

    def schedule(self):
        interval, next_at = 1.0 / self.rate, time.perf_counter()
        while not self.done.is_set():
            token = self.rng.choice(self.tokens)
            number = self.rng.randint(1, self.ideas)
            if self.rng.random() < 0.8:
                job = ("PUT", f"/api/v1/ideas/{number}/vote", token, {"value": self.rng.choice([1, -1])})
            else:
                job = ("POST", f"/api/v1/ideas/{number}/comments", token, {"body": "Yes, and offline too."})
            try:
                self.jobs.put_nowait(job)
                self.count("sent")
            except queue.Full:
                self.count("late")
            next_at += interval
            time.sleep(max(0.0, next_at - time.perf_counter()))

    def __enter__(self):
        self.threads = [threading.Thread(target=self.work) for _ in range(16)]
        self.threads.append(threading.Thread(target=self.schedule))
        for t in self.threads:
            t.start()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.done.set()
        for t in self.threads:
            t.join()
        self.seconds = time.perf_counter() - self.started


def routes_alone(words, ideas, cookie):
    """One representative address of each kind, as browsers ask for it."""
    most_commented = get_json("/api/v1/ideas?sort=discussed&per_page=1")["items"][0]["number"]
    return [
        ("/ (popular)", "/", None),
        ("/?sort=trending", "/?sort=trending", None),
        ("/?sort=top&page=5", "/?sort=top&page=5", None),
        ("/?status=planned&sort=new", "/?status=planned&sort=new", None),
        (f"/?q={words[len(words) // 2]}", f"/?q={words[len(words) // 2]}", None),
        (f"/ideas/{ideas[0]} (most popular)", f"/ideas/{ideas[0]}", None),
        (f"/ideas/{most_commented} (most comments)", f"/ideas/{most_commented}", None),
        ("/roadmap", "/roadmap", None),
        ("/feeds/ideas.atom", "/feeds/ideas.atom", None),
        ("/ (signed in)", "/", cookie),
        (f"/ideas/{ideas[0]} (signed in)", f"/ideas/{ideas[0]}", cookie),
    ]


def measure(backend, label, ideas, votes):
    print(f"== mix {backend} {label}", file=sys.stderr)
    url = h.fresh_database(backend, label, ideas, votes)
    voters = [f"seed{i}-1@example.com" for i in range(h.CONNECTIONS)]
    tokens = [h.run(["token", "create", "--email", e, "--name", "bench"], url).stdout.strip()
              for e in voters]
    server = h.Server(url)
    rng = random.Random(1)
    rows = []
    try:
        cookies = [h.session_cookie(e, h.SEED_PASSWORD) for e in voters[:8]]
        paths, words, popular = mix_paths(rng)
        browser = [f"{k}: {v}" for k, v in BROWSER_HEADERS.items()]
        healthz = h.wrk(f"{h.BASE}/healthz", browser)["rate"]
        rows.append(("/healthz", f"{healthz:,.0f}", "—", "—", "1.00", "—"))
        script = lua(paths, cookies)
        for rate in WRITE_RATES:
            h.settle()
            print(f"  mix with {rate} writes/s", file=sys.stderr)
            if rate:
                with Writer(rate, tokens, ideas, rng) as writer:
                    r = h.wrk(f"{h.BASE}/", script=script)
                c = writer.counts
                writes = (f"{c['ok'] / writer.seconds:,.0f}/s done"
                          f" ({c['refused']} refused, {c['failed']} failed, {c['late']} late)")
            else:
                r, writes = h.wrk(f"{h.BASE}/", script=script), "none"
            rows.append((f"browser mix, {rate} writes/s", f"{r['rate']:,.0f}", f"{r['p50']:.1f} ms",
                         f"{r['p99']:.1f} ms", f"{r['rate'] / healthz:.2f}", writes))
        for name, path, cookie in routes_alone(words, popular, cookies[0]):
            h.settle()
            print(f"  {name}", file=sys.stderr)
            headers = browser + ([f"Cookie: {cookie}"] if cookie else [])
            r = h.wrk(f"{h.BASE}{path}", headers)
            rows.append((name, f"{r['rate']:,.0f}", f"{r['p50']:.1f} ms", f"{r['p99']:.1f} ms",
                         f"{r['rate'] / healthz:.2f}", "—"))
        peak_rss = server.peak_rss()
    finally:
        server.stop()
    return rows, peak_rss


def table(backend, label, rows, peak_rss):
    lines = [f"### browser mix, {backend}, {label.replace(':', ' ideas / ')} votes", "",
             "| reads | req/s | p50 | p99 | ratio to /healthz | writes |",
             "| --- | ---: | ---: | ---: | ---: | --- |"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    lines += ["", f"Server peak RSS {peak_rss / 2**20:.0f} MB.", ""]
    return "\n".join(lines)


def main(argv):
    backends, sizes = ["sqlite", "postgres"], []
    for arg in argv:
        if arg in ("sqlite", "postgres"):
            backends = [arg]
        elif arg != "both":
            sizes.append(h.parse_size(arg))
    sizes = sizes or [h.parse_size("10k:100k"), h.parse_size("100k:1m")]
    sections = [f"Browser mix, measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC on "
                f"{h.machine()}; wrk -t1 -c{h.CONNECTIONS} -d{h.DURATION}s keep-alive with browser "
                f"headers, {int(SIGNED_IN_SHARE * 100)}% of requests signed in.", ""]
    for label, ideas, votes in sizes:
        for backend in backends:
            section = table(backend, label, *measure(backend, label, ideas, votes))
            print(section, flush=True)
            sections.append(section)
    with open(os.path.join(h.ROOT, "bench", "latest-mix.md"), "w") as f:
        f.write("\n".join(sections))
    print("(also written to bench/latest-mix.md)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
