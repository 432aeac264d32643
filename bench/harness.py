"""The benchmark harness behind bench/run.sh: seeds, serves, loads, measures, prints tables.

Everything runs on 127.0.0.1 and stops by itself. Seeded boards are cached under bench/.work
(SQLite files, PostgreSQL template databases) and copied fresh for every run, because the vote
load changes them.
"""

import json
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "ideaboard")
WORK = os.path.join(ROOT, "bench", ".work")
PG_ADMIN = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PORT = int(os.environ.get("BENCH_PORT", "18181"))
BASE = f"http://127.0.0.1:{PORT}"
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 32
SEED_PASSWORD = "seeded board 1 password"
ADMIN_PASSWORD = "violet tractor pillow quantum 42"
ALL_STATUSES = "open,under-review,planned,in-progress,implemented,partially-implemented,not-planned,archived"


def parse_count(text):
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in "km" else text
    return int(float(number) * factor)


def parse_size(text):
    ideas, votes = text.split(":")
    return text, parse_count(ideas), parse_count(votes)


def env_for(database_url):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/root"),
        "DATABASE_URL": database_url,
        "BIND": f"127.0.0.1:{PORT}",
        "BASE_URL": BASE,
        "MAIL_DIR": os.path.join(WORK, "mail"),
        "LOG": "warn",
        "AUTH_RATE_LIMIT": "1000000",
        "IDEABOARD_CONFIG": "/dev/null",
    }
    return env


def run(args, database_url, stdin=None, check=True):
    result = subprocess.run(
        [BIN, *args],
        env=env_for(database_url),
        input=stdin,
        capture_output=True,
        text=True,
    )
    if check and result.returncode != 0:
        sys.exit(f"ideaboard {' '.join(args)} failed: {result.stderr.strip()}")
    return result


def psql(sql, database="postgres"):
    subprocess.run(
        ["psql", f"{PG_ADMIN}/{database}", "-qAtc", sql],
        check=True,
        capture_output=True,
        text=True,
    )


def psql_value(sql, database="postgres"):
    result = subprocess.run(
        ["psql", f"{PG_ADMIN}/{database}", "-qAtc", sql],
        capture_output=True,
        text=True,
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def seed_args(ideas, votes, comments=None):
    users = max(1_000, ideas // 5)
    comments = max(1_000, ideas // 2) if comments is None else comments
    return [
        "seed",
        "--ideas", str(ideas),
        "--votes", str(votes),
        "--comments", str(comments),
        "--users", str(users),
        "--seed", "1",
    ]


def prepare_admin(database_url):
    """An admin account (created after seeding) for the export."""
    run(
        ["user", "create", "--email", "bench-admin@example.com", "--name", "Bench Admin", "--role", "admin"],
        database_url,
        stdin=ADMIN_PASSWORD,
    )


def fresh_database(backend, label, ideas, votes, comments=None):
    """A freshly copied seeded board; seeds the cached original first if needed (`comments`:
    how many, when not the default share of the ideas)."""
    os.makedirs(WORK, exist_ok=True)
    key = label.replace(":", "_") + ("" if comments is None else f"_{comments}c")
    if backend == "sqlite":
        cached = os.path.join(WORK, f"seed-{key}.db")
        if not os.path.exists(cached):
            print(f"  seeding {label} on SQLite (cached for later runs)…", file=sys.stderr)
            partial = cached + ".partial"
            for leftover in (partial, partial + "-wal", partial + "-shm"):
                if os.path.exists(leftover):
                    os.remove(leftover)
            url = f"sqlite://{partial}"
            run(["migrate"], url)
            run(seed_args(ideas, votes, comments), url)
            prepare_admin(url)
            # Fold the WAL back so one file is the whole board.
            subprocess.run(["sqlite3", partial, "PRAGMA wal_checkpoint(TRUNCATE);"], capture_output=True)
            os.replace(partial, cached)
        target = os.path.join(WORK, "run.db")
        for leftover in (target, target + "-wal", target + "-shm"):
            if os.path.exists(leftover):
                os.remove(leftover)
        shutil.copyfile(cached, target)
        # Write the copy out now: otherwise the server's first checkpoint fsyncs the whole file
        # (750 MB at 100k ideas, 7.5 GB at 1M) while the votes are measured.
        with open(target, "rb+") as copy:
            os.fsync(copy.fileno())
        return f"sqlite://{target}"
    template = f"ib_bench_seed_{key}"
    if psql_value(f"SELECT 1 FROM pg_database WHERE datname = '{template}'") != "1":
        print(f"  seeding {label} on PostgreSQL (cached for later runs)…", file=sys.stderr)
        partial = template + "_partial"
        psql(f"DROP DATABASE IF EXISTS {partial}")
        psql(f"CREATE DATABASE {partial}")
        url = f"{PG_ADMIN}/{partial}"
        run(["migrate"], url)
        run(seed_args(ideas, votes, comments), url)
        prepare_admin(url)
        psql(f"ALTER DATABASE {partial} RENAME TO {template}")
    psql("DROP DATABASE IF EXISTS ib_bench_run")
    psql(f"CREATE DATABASE ib_bench_run TEMPLATE {template}")
    psql("VACUUM ANALYZE", "ib_bench_run")
    return f"{PG_ADMIN}/ib_bench_run"


class Server:
    """`ideaboard serve` in the background, with its RSS and CPU read from /proc."""

    def __init__(self, database_url):
        self.process = subprocess.Popen(
            [BIN, "serve"],
            env=env_for(database_url),
            stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(WORK, "server.log"), "w"),
        )
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"{BASE}/healthz", timeout=1).read()
                return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None:
                    sys.exit("the server exited at start; see bench/.work/server.log")
                time.sleep(0.2)
        self.stop()
        sys.exit("the server did not answer /healthz within 120 s")

    def status(self, field):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
        return 0

    def rss(self):
        return self.status("VmRSS")

    def peak_rss(self):
        return self.status("VmHWM")

    def cpu_seconds(self):
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def http(method, path, token=None, body=None, cookies=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{BASE}{path}", data=data, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if cookies:
        request.add_header("Cookie", cookies)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


def hot_idea(comments=50):
    """The most discussed idea with at most `comments` comments (the issue's "idea page with 50
    comments"); seeded boards are skewed, so the very top has thousands."""
    for page in range(1, 51):
        items = http("GET", f"/api/v1/ideas?sort=discussed&per_page=100&page={page}")["items"]
        for item in items:
            if item["comment_count"] <= comments:
                return item
        if not items:
            break
    return http("GET", "/api/v1/ideas?sort=discussed&per_page=1")["items"][0]


def session_cookie(email, password):
    """Logs in through the real form (CSRF token and all) and returns the Cookie header."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    jar = urllib.request.HTTPCookieProcessor()
    opener = urllib.request.build_opener(jar, NoRedirect())
    page = opener.open(f"{BASE}/login").read().decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": csrf}).encode()
    try:
        opener.open(urllib.request.Request(f"{BASE}/login", data=form, method="POST"))
    except urllib.error.HTTPError as redirect:
        if redirect.code != 303:
            raise
    cookie = [c for c in jar.cookiejar if c.name.endswith("ideaboard_session")]
    if not cookie:
        sys.exit("logging in through the form failed")
    return f"{cookie[0].name}={cookie[0].value}"


# wrk's Lua random numbers start from the same seed every run, so every run casts the same
# votes: right on a fresh copy (as here), but a second run on the same database measures repeats,
# which change nothing and cost a fraction of a real vote.
WRK_SCRIPT = """
tokens = {%s}
max_number = %d
request = function()
  local token = tokens[math.random(#tokens)]
  local number = math.random(max_number)
  local value = (math.random(2) == 1) and 1 or -1
  return wrk.format("PUT", "/api/v1/ideas/" .. number .. "/vote",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"},
    '{"value": ' .. value .. '}')
end
"""


def to_ms(text):
    number = float(re.match(r"[\d.]+", text).group(0))
    unit = text[len(re.match(r"[\d.]+", text).group(0)):]
    return number * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}.get(unit, 1.0)


def wrk(url, headers=(), script=None):
    args = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", "--timeout", "10s"]
    for header in headers:
        args += ["-H", header]
    if script:
        path = os.path.join(WORK, "script.lua")
        with open(path, "w") as f:
            f.write(script)
        args += ["-s", path]
    output = subprocess.run(args + [url], capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = int(bad.group(1)) if bad else 0
    return {"rate": rate, "p50": p50, "p99": p99, "total": total, "non_2xx": errors}


BROWSER_ENCODING = "Accept-Encoding: gzip, deflate, br"


def settle():
    """A pause between loads, so one does not run into the tail of the previous one."""
    time.sleep(2)


def oha_open_loop(url, rate):
    """Latency at a fixed request rate, corrected for coordinated omission."""
    oha = shutil.which("oha")
    if not oha:
        return None
    result = subprocess.run(
        [oha, "-z", f"{DURATION}s", "-q", str(max(1, int(rate))), "-c", str(CONNECTIONS),
         "--latency-correction", "--disable-compression", "--no-tui", "--output-format", "json", url],
        capture_output=True,
        text=True,
    )
    try:
        summary = json.loads(result.stdout)
    except json.JSONDecodeError:
        return None
    percentiles = summary.get("latencyPercentiles", {})
    return {
        "rate": summary["summary"]["requestsPerSec"],
        "p50": percentiles.get("p50", 0) * 1000,
        "p99": percentiles.get("p99", 0) * 1000,
    }


def export_run(server, token):
    """One CSV export of every idea over HTTP: seconds, first byte, rows, the server's RSS growth."""
    before = server.rss()
    peak = [before]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], server.rss())
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    request = urllib.request.Request(
        f"{BASE}/api/v1/export/ideas?format=csv&limit=0&status={ALL_STATUSES}")
    request.add_header("Authorization", f"Bearer {token}")
    start = time.perf_counter()
    first_byte = None
    rows = 0
    with urllib.request.urlopen(request, timeout=600) as response:
        while True:
            chunk = response.read(65536)
            if not chunk:
                break
            if first_byte is None:
                first_byte = time.perf_counter() - start
            rows += chunk.count(b"\n")
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return {"seconds": seconds, "first_byte": first_byte or seconds, "rows": rows - 1,
            "rss_growth": peak[0] - before}


def measure(backend, label, ideas, votes):
    print(f"== {backend} {label}", file=sys.stderr)
    url = fresh_database(backend, label, ideas, votes)
    voters = [f"seed{i}-1@example.com" for i in range(CONNECTIONS)]
    tokens = [run(["token", "create", "--email", email, "--name", "bench"], url).stdout.strip()
              for email in voters]
    admin_token = run(["token", "create", "--email", "bench-admin@example.com", "--name", "bench"],
                      url).stdout.strip()
    server = Server(url)
    rows = []
    try:
        hot = hot_idea()
        cookie = session_cookie(voters[0], SEED_PASSWORD)
        routes = [
            ("/healthz", f"{BASE}/healthz", ()),
            ("/ (popular, anonymous)", f"{BASE}/", ()),
            ("/?sort=top&page=50", f"{BASE}/?sort=top&page=50", ()),
            ("/?q=dark+mode", f"{BASE}/?q=dark+mode", ()),
            (f"/ideas/{hot['number']} ({hot['comment_count']} comments)",
             f"{BASE}/ideas/{hot['number']}", ()),
            ("/ (signed in)", f"{BASE}/", (f"Cookie: {cookie}",)),
            # What browsers send: every one of them accepts gzip.
            ("/ (anonymous, gzip as browsers ask)", f"{BASE}/", (BROWSER_ENCODING,)),
            ("/ (signed in, gzip)", f"{BASE}/", (f"Cookie: {cookie}", BROWSER_ENCODING)),
        ]
        results = {}
        for name, target, headers in routes:
            print(f"  {name}", file=sys.stderr)
            results[name] = wrk(target, headers)
            settle()
        ceiling = results["/healthz"]["rate"]
        for name, _, _ in routes:
            r = results[name]
            note = f" ({r['non_2xx']} non-2xx)" if r["non_2xx"] else ""
            rows.append((name, f"{r['rate']:,.0f}{note}", f"{r['p50']:.1f} ms", f"{r['p99']:.1f} ms",
                         f"{r['rate'] / ceiling:.2f}"))
        front = results["/ (popular, anonymous)"]
        open_loop = oha_open_loop(f"{BASE}/", front["rate"] / 2)
        if open_loop:
            rows.append((f"/ open loop at {front['rate'] / 2:,.0f} req/s", f"{open_loop['rate']:,.0f}",
                         f"{open_loop['p50']:.1f} ms", f"{open_loop['p99']:.1f} ms", "—"))
        settle()
        print("  votes", file=sys.stderr)
        script = WRK_SCRIPT % (", ".join(f'"{t}"' for t in tokens), ideas)
        vote = wrk(f"{BASE}/", script=script)
        accepted = vote["rate"] * (1 - vote["non_2xx"] / max(1, vote["total"]))
        rows.append((f"PUT /api/v1/ideas/{{n}}/vote, {CONNECTIONS} voters", f"{accepted:,.0f} votes/s",
                     f"{vote['p50']:.1f} ms", f"{vote['p99']:.1f} ms", f"{vote['rate'] / ceiling:.2f}"))
        print("  export", file=sys.stderr)
        export = export_run(server, admin_token)
        rows.append((f"export CSV, {export['rows']:,} ideas", f"{export['seconds']:.2f} s",
                     f"first byte {export['first_byte'] * 1000:.0f} ms",
                     f"RSS +{export['rss_growth'] / 2**20:.1f} MB", "—"))
        peak_rss = server.peak_rss()
        cpu = server.cpu_seconds()
    finally:
        server.stop()
    check = run(["check"], url, check=False)
    drift = check.stdout.strip().splitlines()[-1] if check.stdout.strip() else check.stderr.strip()
    return rows, peak_rss, cpu, vote, drift


def table(backend, label, rows, peak_rss, cpu, drift):
    lines = [f"### {backend}, {label.replace(':', ' ideas / ')} votes", "",
             "| route | req/s | p50 | p99 | ratio to /healthz |", "| --- | ---: | ---: | ---: | ---: |"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    lines += ["", f"Server: peak RSS {peak_rss / 2**20:.0f} MB, {cpu:.1f} CPU seconds. "
                  f"`ideaboard check` after the votes: {drift}.", ""]
    return "\n".join(lines)


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    with open("/proc/meminfo") as f:
        memory = int(f.readline().split()[1]) // 1024 // 1024
    return f"{os.cpu_count()} cores ({model}), {memory} GiB, {platform.system()} {platform.release()}"


def main(argv):
    backends = ["sqlite", "postgres"]
    sizes = []
    for arg in argv:
        if arg in ("sqlite", "postgres"):
            backends = [arg]
        elif arg == "both":
            backends = ["sqlite", "postgres"]
        else:
            sizes.append(parse_size(arg))
    if not sizes:
        sizes = [parse_size("10k:100k"), parse_size("100k:1m")]
    random.seed(1)
    started = datetime.now(timezone.utc)
    sections = [f"Measured {started:%Y-%m-%d %H:%M} UTC on {machine()}; wrk -t1 -c{CONNECTIONS} "
                f"-d{DURATION}s on loopback, the server with its defaults.", ""]
    for label, ideas, votes in sizes:
        for backend in backends:
            rows, peak_rss, cpu, _, drift = measure(backend, label, ideas, votes)
            section = table(backend, label, rows, peak_rss, cpu, drift)
            print(section, flush=True)
            sections.append(section)
    with open(os.path.join(ROOT, "bench", "latest.md"), "w") as f:
        f.write("\n".join(sections))
    print("(also written to bench/latest.md)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
