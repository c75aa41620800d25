#!/usr/bin/env python3
"""The cluster soak's observer (scripts/soak.sh --silos N): samples the fleet totals, the silos' /proc figures and
Redis while the simulator runs, kills one silo with SIGKILL at --kill-at, measures the recovery, and prints the run's
figures. Standard library only."""
from datetime import datetime
import argparse, json, os, re, signal, subprocess, sys, time, urllib.request

p = argparse.ArgumentParser()
p.add_argument("--urls", nargs="+", required=True)
p.add_argument("--pids", nargs="+", type=int, required=True)
p.add_argument("--redis-port", type=int, required=True)
p.add_argument("--nodes", type=int, required=True)
p.add_argument("--gpus", type=int, required=True)
p.add_argument("--datacenters", nargs="+", required=True)
p.add_argument("--kill-at", type=float, default=-1, help="seconds after start; negative: no kill")
p.add_argument("--recovery", type=float, default=120, help="longest wait for recovery after the kill, s")
p.add_argument("--end-at", type=float, required=True, help="seconds after start when the load stops")
a = p.parse_args()
hz = os.sysconf("SC_CLK_TCK")
alive = [True] * len(a.urls)


def get(url, timeout=20):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read().decode()


def live_url():
    return next(u for u, ok in zip(a.urls, alive) if ok)


def fleet():
    try:
        f = json.loads(get(live_url() + "/api/v1/fleet", timeout=10))
        return f["nodes"], f["gpus"], f["gpusByHealth"]["offline"], f["gpusByHealth"]["unhealthy"]
    except Exception as e:  # an answer other than 200 is counted, not fatal
        return str(e)[:80]


def node_lists():
    """Every node summary of every data center, paged: (node id -> lastReportAt epoch s, unhealthy GPU uuids)."""
    last, unhealthy = {}, set()
    for dc in a.datacenters:
        page = 1
        while True:
            d = json.loads(get(f"{live_url()}/api/v1/datacenters/{dc}?page={page}&pageSize=1000", timeout=60))
            for n in d["nodeList"]:
                t = n.get("lastReportAt")
                last[n["nodeId"]] = datetime.fromisoformat(t).timestamp() if t else 0
                unhealthy.update(g["uuid"] for g in n.get("gpuBriefs", []) if g["health"] == "unhealthy")
            if len(d["nodeList"]) < 1000:
                break
            page += 1
    return last, unhealthy


def proc(pid):
    try:
        st = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        rss = next(int(l.split()[1]) for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")) * 1024
        return (int(st[11]) + int(st[12])) / hz, rss
    except (FileNotFoundError, ProcessLookupError, StopIteration):
        return None


def metrics(url):
    try:
        return get(url + "/metrics", timeout=20)
    except Exception:
        return ""


def counter(text, name):
    return sum(float(m.group(1)) for m in re.finditer(rf"^{name}(?:{{[^}}]*}})? (\S+)$", text, re.M))


def buckets(text):
    out = {}
    for m in re.finditer(r'^telemetry_ingest_duration_seconds_bucket\{[^}]*le="([^"]+)"[^}]*\} (\S+)$', text, re.M):
        le = float("inf") if m.group(1) == "+Inf" else float(m.group(1))
        out[le] = out.get(le, 0) + float(m.group(2))
    return out


def redis(section):
    out = subprocess.run(["redis-cli", "-p", str(a.redis_port), "info", section], capture_output=True, text=True).stdout
    return dict(l.split(":", 1) for l in out.splitlines() if ":" in l)


start = time.time()
last_metrics = [""] * len(a.urls)
cpu0 = [proc(pid)[0] for pid in a.pids]
cpu_seen = list(cpu0)  # a killed silo keeps its last reading, up to 2 s before the kill
redis0 = redis("stats")
killed_at = None
whole_at = accepted_at = None
short = answers = failed = 0
min_reporting = a.gpus
unhealthy_before = set()
peak_rss = [0] * len(a.urls)
last_sample = 0
while True:
    now = time.time() - start
    if now >= a.end_at:
        break
    if a.kill_at >= 0 and killed_at is None and now >= a.kill_at:
        _, unhealthy_before = node_lists()
        victim = len(a.pids) - 1
        last_metrics[victim] = metrics(a.urls[victim])
        os.kill(a.pids[victim], signal.SIGKILL)
        alive[victim] = False
        killed_at = time.time()
        print(f"[soak] +{now:.0f} s: kill -9 silo {victim} (pid {a.pids[victim]}); {len(unhealthy_before)} GPUs unhealthy before", flush=True)
    for i, pid in enumerate(a.pids):
        r = proc(pid) if alive[i] else None
        if r:
            cpu_seen[i] = r[0]
            peak_rss[i] = max(peak_rss[i], r[1])
    if killed_at:
        f = fleet()
        answers += 1
        if isinstance(f, tuple):
            nodes, gpus, offline, _ = f
            reporting = gpus - offline
            min_reporting = min(min_reporting, reporting)
            whole = nodes == a.nodes and gpus == a.gpus and offline == 0
            short += 0 if whole else 1
            if whole and whole_at is None:
                whole_at = time.time() - killed_at
                print(f"[soak] fleet totals whole again {whole_at:.1f} s after the kill", flush=True)
            elif not whole:
                whole_at = None  # whole means whole from then on
        else:
            failed += 1
        if accepted_at is None:
            last, _ = node_lists()
            if len(last) == a.nodes and all(t > killed_at for t in last.values()):
                accepted_at = time.time() - killed_at
                print(f"[soak] every node's last report newer than the kill {accepted_at:.1f} s after it (node lists: includes the wait for each node's next report and a summary heartbeat)", flush=True)
        if time.time() - killed_at > a.recovery and (whole_at is None or accepted_at is None):
            print(f"[soak] not recovered within {a.recovery:.0f} s", flush=True)
            break
    elif now - last_sample >= 30:
        last_sample = now
        f = fleet()
        print(f"[soak] +{now:.0f} s: fleet (nodes, gpus, offline, unhealthy) = {f}; RSS MiB " + ", ".join(f"{(proc(pid) or (0, 0))[1] / 2**20:.0f}" for pid in a.pids), flush=True)
    time.sleep(0.5 if killed_at else 2)

wall = time.time() - start
for i, u in enumerate(a.urls):
    if alive[i]:
        last_metrics[i] = metrics(u)
lost = set()
if killed_at:
    _, unhealthy_after = node_lists()
    lost = unhealthy_before - unhealthy_after
samples = sum(counter(t, "telemetry_ingest_samples_total") for t in last_metrics)
rejected = sum(counter(t, "telemetry_ingest_rejected_total") for t in last_metrics)
merged = {}
for t in last_metrics:
    for le, n in buckets(t).items():
        merged[le] = merged.get(le, 0) + n
total = merged.get(float("inf"), 0)
p99 = next((le for le, n in sorted(merged.items()) if n >= 0.99 * total), float("nan")) if total else float("nan")
cpu = [(proc(pid) or (seen, 0))[0] - c0 for pid, c0, seen in zip(a.pids, cpu0, cpu_seen)]
rss = [(proc(pid) or (0, 0))[1] for pid in a.pids]
mem = redis("memory")
stats = redis("stats")
net_in = int(stats.get("total_net_input_bytes", 0)) - int(redis0.get("total_net_input_bytes", 0))
keys = subprocess.run(["redis-cli", "-p", str(a.redis_port), "dbsize"], capture_output=True, text=True).stdout.strip()
live_rss = sum(r for r, ok in zip(rss, alive) if ok)
print()
print(f"load average: {open('/proc/loadavg').read().strip()}")
print(f"run: {a.nodes:,} nodes, {a.gpus:,} GPUs, {len(a.urls)} silos, {wall:.0f} s")
print(f"samples accepted: {samples:,.0f} ({samples / wall:,.0f}/s over the run; the killed silo's counter as last read before the kill)")
print(f"bodies rejected by the silos: {rejected:,.0f}")
print(f"silo-side ingest latency p99 <= {p99 * 1000:g} ms over {total:,.0f} requests (all silos' histograms merged)")
for i in range(len(a.urls)):
    state = "killed" if not alive[i] else "alive"
    print(f"silo {i} ({state}): CPU {cpu[i]:.0f} s{' (until the kill)' if not alive[i] else ''}, RSS {rss[i] / 2**20:,.0f} MiB (peak seen {peak_rss[i] / 2**20:,.0f} MiB)")
print(f"RSS of the live silos per GPU: {live_rss / a.gpus / 1024:.1f} KiB")
print(f"redis: used_memory {int(mem.get('used_memory', 0)) / 2**20:,.1f} MiB (peak {int(mem.get('used_memory_peak', 0)) / 2**20:,.1f} MiB), {keys} keys, "
      f"{net_in / 2**20:,.1f} MiB written to it ({net_in / wall / 2**10:,.0f} KiB/s)")
if killed_at:
    print(f"after kill -9: every node's reports accepted again: {f'{accepted_at:.1f} s' if accepted_at is not None else 'NOT within the recovery window'}; "
          f"fleet totals whole again: {f'{whole_at:.1f} s' if whole_at is not None else 'NOT within the recovery window'}; "
          f"{short} of {answers} fleet samples short (fewest reporting GPUs {min_reporting:,} of {a.gpus:,}), {failed} answered other than 200; "
          f"sticky (unhealthy) verdicts lost: {len(lost)} of {len(unhealthy_before)}")
sys.exit(0 if not killed_at or (accepted_at is not None and whole_at is not None and not lost) else 1)
